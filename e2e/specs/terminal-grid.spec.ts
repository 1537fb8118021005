import { expect, test } from '@playwright/test';
import { signInAsFirstAdmin } from './helpers';

// The e2e server runs the pro edition: the grid offers as many panes as fit, not just 1 / 2 / 4.
test('the pro terminal grid fits panes to the window and lays them out again when it changes', async ({
  page,
  baseURL,
}) => {
  await page.setViewportSize({ width: 1900, height: 900 });
  await signInAsFirstAdmin(page, baseURL);
  await page.goto('/terminal');
  const picker = page.getByRole('group', { name: 'Panes in this tab' });
  await expect(picker.getByRole('button', { name: '9 panes' })).toBeVisible();
  await expect(picker.getByText('max 4')).toHaveCount(0);

  await picker.getByRole('button', { name: '6 panes' }).click();
  const panes = page.getByRole('tabpanel').getByRole('region', { name: /^Pane \d+$/ });
  await expect(panes).toHaveCount(6);
  const boxes = async () => Promise.all((await panes.all()).map(async (p) => (await p.boundingBox())!));
  // Wide window: three across, two down, every pane at least the readable minimum.
  let shown = await boxes();
  expect(new Set(shown.map((b) => Math.round(b.y))).size).toBe(2);
  for (const b of shown) {
    expect(b.width).toBeGreaterThanOrEqual(340);
    expect(b.height).toBeGreaterThanOrEqual(200);
  }

  // A narrow, tall window: the same six panes, re-laid out two across and three down; none ended.
  await page.setViewportSize({ width: 1000, height: 1200 });
  await expect.poll(async () => new Set((await boxes()).map((b) => Math.round(b.y))).size).toBe(3);
  shown = await boxes();
  expect(shown).toHaveLength(6);
  expect(new Set(shown.map((b) => Math.round(b.x))).size).toBe(2);
  // The count that no longer fits stays on offer, and smaller choices track the new size.
  await expect(picker.getByRole('button', { name: '6 panes' })).toHaveAttribute('aria-pressed', 'true');
  await expect(picker.getByRole('button', { name: '12 panes' })).toHaveCount(0);

  await picker.getByRole('button', { name: '1 pane' }).click();
  await expect(panes).toHaveCount(1);
});
