import { expect, test } from '@playwright/test';
import { signInAsFirstAdmin } from './helpers';
import { startOwnServer } from './own-server';

test('an unknown address shows a not-found page with a way home', async ({ page, baseURL }) => {
  await signInAsFirstAdmin(page, baseURL);
  await page.goto('/no/such/page');
  await expect(page).toHaveURL(/\/no\/such\/page$/);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expect(page.getByText('/no/such/page')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toHaveCount(0);
  await page.getByRole('link', { name: 'Go to the home page' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
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
