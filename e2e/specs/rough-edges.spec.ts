import { expect, test } from '@playwright/test';
import { signInAsFirstAdmin } from './helpers';
import { horizontalOverflow } from './overflow';
import { startOwnServer } from './own-server';

test('an unknown address shows a not-found page with a way home', async ({ page, baseURL }) => {
  await signInAsFirstAdmin(page, baseURL);
  await page.goto('/no/such/page');
  await expect(page).toHaveURL(/\/no\/such\/page$/);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByText('/no/such/page')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toHaveCount(0);
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
});

test('an unknown settings tab says so instead of opening the profile', async ({ page, baseURL }) => {
  await signInAsFirstAdmin(page, baseURL);
  await page.goto('/settings?tab=nonsense');
  await expect(page).toHaveURL(/tab=nonsense$/);
  await expect(page.getByRole('alert')).toContainText('No such settings tab');
  await expect(page.getByRole('alert')).toContainText('“nonsense”');
  await expect(page.getByRole('tab', { selected: true })).toHaveCount(0);
  await expect(page.getByRole('tabpanel')).toHaveCount(0);
  await page.getByRole('link', { name: 'Open your profile' }).click();
  await expect(page).toHaveURL(/tab=profile$/);
  await expect(page.getByRole('tab', { name: 'Profile', selected: true })).toBeVisible();
});

test('setup shows every password rule from the start and updates them while typing', async ({ browser }) => {
  const server = await startOwnServer({});
  const context = await browser.newContext({ baseURL: server.base });
  try {
    const page = await context.newPage();
    await page.goto('/setup');
    const rules = page.getByRole('list', { name: 'Requirements' }).getByRole('listitem');
    // Before anything is typed or submitted, the whole policy is on screen, none of it met.
    await expect(rules).toHaveText([
      'At least 10 characters(not met yet)',
      'At least 5 different characters(not met yet)',
      'At most 256 characters(not met yet)',
    ]);
    await page.getByLabel('Username').fill('grace');
    await expect(rules).toHaveCount(4);
    await expect(rules.nth(3)).toHaveText('Does not include the username(not met yet)');
    const password = page.getByLabel('Password', { exact: true });
    await password.fill('abcdef');
    await expect(rules).toHaveText([
      'At least 10 characters(not met yet)',
      'At least 5 different characters(met)',
      'At most 256 characters(met)',
      'Does not include the username(met)',
    ]);
    await password.fill('grace-is-here');
    await expect(rules.nth(0)).toHaveText('At least 10 characters(met)');
    await expect(rules.nth(3)).toHaveText('Does not include the username(not met yet)');
    await expect(page.getByRole('alert')).toHaveCount(0);
  } finally {
    await context.close();
    server.stop();
  }
});

test('Settings › Agents says ingest is on while ARCHNEST_AGENT_TOKEN is set', async ({ browser }) => {
  const server = await startOwnServer({
    ARCHNEST_EDITION: 'pro',
    ARCHNEST_AGENT_TOKEN: 'instance-token-for-rough-edges-0123',
  });
  const context = await browser.newContext({ baseURL: server.base });
  try {
    const page = await context.newPage();
    await signInAsFirstAdmin(page, server.base);
    await page.goto('/settings?tab=agents');
    const status = page.getByRole('status', { name: 'Agent ingest' });
    await expect(status).toHaveText(
      'Agent ingest is on: ARCHNEST_AGENT_TOKEN is set, so agents may report for any host label.',
    );
    await expect(page.getByText('stays off')).toHaveCount(0);
    await expect(page.getByText('No per-host tokens')).toBeVisible();
  } finally {
    await context.close();
    server.stop();
  }
});

for (const viewport of [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
]) {
  test(`at ${viewport.width}×${viewport.height} every settings tab is in sight and nothing overflows`, async ({
    page,
    baseURL,
  }) => {
    await page.setViewportSize(viewport);
    await signInAsFirstAdmin(page, baseURL);
    await page.goto('/settings?tab=profile');
    const strip = page.getByRole('tablist', { name: 'Settings sections' });
    const tabs = strip.getByRole('tab');
    await expect(tabs).toHaveCount(14);
    expect(await horizontalOverflow(page)).toEqual([]);

    // The strip neither clips nor scrolls: each tab is whole inside it and inside the viewport.
    const clipped = await strip.evaluate((list) => {
      const box = list.getBoundingClientRect();
      return Array.from(list.querySelectorAll('[role="tab"]'))
        .filter((tab) => {
          const r = tab.getBoundingClientRect();
          return r.left < box.left - 1 || r.right > box.right + 1 || r.right > window.innerWidth + 1;
        })
        .map((tab) => tab.textContent);
    });
    expect(clipped).toEqual([]);
    expect(await strip.evaluate((list) => list.scrollWidth <= list.clientWidth + 1)).toBe(true);

    // The profile avatar keeps its circle.
    const avatar = await page
      .getByRole('tabpanel')
      .locator('span.rounded-full')
      .first()
      .evaluate((el) => el.getBoundingClientRect());
    expect(Math.round(avatar.width)).toBe(Math.round(avatar.height));
    expect(avatar.width).toBeGreaterThanOrEqual(48);

    // Every tab can be reached and opened, and no tab's page overflows either.
    const names = await tabs.allTextContents();
    for (const name of names) {
      const tab = strip.getByRole('tab', { name, exact: true });
      await expect(tab).toBeInViewport();
      await tab.click();
      await expect(tab).toHaveAttribute('aria-selected', 'true');
      await expect(page.getByRole('tabpanel')).toBeVisible();
      await page.waitForLoadState('networkidle');
      expect(await horizontalOverflow(page), `tab ${name}`).toEqual([]);
    }
  });
}

test('a new SSH host is on the Infrastructure page at once, by address, as "1 member"', async ({
  browser,
}) => {
  const server = await startOwnServer({});
  const context = await browser.newContext({ baseURL: server.base });
  try {
    const page = await context.newPage();
    await signInAsFirstAdmin(page, server.base);
    const created = await page.request.post('/api/hosts', {
      headers: { Origin: server.base },
      data: { name: 'bastion', address: '10.0.0.5', username: 'ops', authMethod: 'password', password: 'pw' },
    });
    expect(created.status()).toBe(201);
    const host = (await created.json()) as { id: string };

    await page.goto('/infrastructure');
    // Well inside the 25–30 s the periodic re-sync would take.
    const tile = page.getByRole('article', { name: 'SSH hosts' });
    await expect(tile).toBeVisible({ timeout: 5_000 });
    await tile.getByRole('button', { name: /^Open SSH hosts/ }).click();
    const card = page.getByRole('region', { name: /Node detail · SSH hosts/ });
    await expect(card.getByText('1 member', { exact: true })).toBeVisible();
    const row = card.locator('[role="row"][data-member]');
    await expect(row).toContainText('bastion');
    await expect(row).toContainText('ops@10.0.0.5:22');
    await expect(card).not.toContainText(host.id);
  } finally {
    await context.close();
    server.stop();
  }
});
