import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { signIn, signInAsFirstAdmin, type Account } from './helpers';

test.describe.configure({ mode: 'serial' });

/** A client outside the browser: no cookies, no Origin, only what a script would send. */
async function outsideClient(baseURL: string | undefined, key: string): Promise<APIRequestContext> {
  return playwrightRequest.newContext({
    baseURL,
    extraHTTPHeaders: { Authorization: `Bearer ${key}` },
  });
}

test('an API key made in Settings works from a script, stays read-only, and stops once revoked', async ({
  page,
  baseURL,
}) => {
  await signInAsFirstAdmin(page, baseURL);
  await page.goto('/settings?tab=api-keys');
  await expect(page.getByRole('heading', { name: 'Your API keys' })).toBeVisible();

  await page.getByRole('button', { name: 'Create key' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('e2e reader');
  await dialog.getByLabel('Scope').selectOption('read');
  await dialog.getByLabel('Expires after').selectOption('30');
  await dialog.getByRole('button', { name: 'Create key' }).click();

  await expect(dialog).toContainText('This is the only time the key is shown');
  const key = (await dialog.getByLabel('API key', { exact: true }).textContent())?.trim() ?? '';
  expect(key).toMatch(/^ank_[A-Za-z0-9_-]{43}$/);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();

  const row = page.locator('[data-api-key="e2e reader"]').first();
  await expect(row).toContainText('read-only');
  await expect(row).toContainText('never');
  await expect(row).toContainText(key.slice(0, 8));

  const client = await outsideClient(baseURL, key);
  try {
    const me = await client.get('/api/auth/me');
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ username: 'ada-admin' });
    const hosts = await client.get('/api/hosts');
    expect(hosts.status()).toBe(200);

    const write = await client.patch('/api/preferences', { data: { appearance: { theme: 'dark' } } });
    expect(write.status()).toBe(403);
    expect(await write.json()).toMatchObject({ error: 'key_read_only' });
    const mint = await client.post('/api/auth/api-keys', { data: { name: 'child', scope: 'full' } });
    expect(mint.status()).toBe(403);
    expect(await mint.json()).toMatchObject({ error: 'api_key_not_allowed' });

    // The list shows the use the script just made (refetched on reload).
    await page.reload();
    await expect(row.getByTestId('last-used')).toContainText('127.0.0.1');

    // Admins also see it in the all-users list.
    const allRow = page
      .getByRole('table', { name: 'All users’ API keys' })
      .locator('[data-api-key="e2e reader"]');
    await expect(allRow).toContainText('ada-admin');

    await row.getByRole('button', { name: 'Revoke API key e2e reader' }).click();
    const confirm = page.getByRole('dialog');
    await expect(confirm).toContainText('Revoke the API key “e2e reader”?');
    await confirm.getByRole('button', { name: 'Revoke key' }).click();
    await expect(confirm).toBeHidden();
    await expect(row).toContainText('revoked');

    const after = await client.get('/api/auth/me');
    expect(after.status()).toBe(401);
    expect(await after.json()).toMatchObject({ error: 'api_key_revoked' });
  } finally {
    await client.dispose();
  }

  // The browser session itself is untouched by all this.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your API keys' })).toBeVisible();
});

test('a member’s full key writes but never reaches admin routes; an admin revokes it from the all-users list', async ({
  browser,
  page,
  baseURL,
}) => {
  const kim: Account = { username: 'kim-keys', password: 'amber-violin-58' };
  await signInAsFirstAdmin(page, baseURL);
  const created = await page.request.post('/api/users', {
    data: { ...kim, role: 'member' },
    headers: { Origin: baseURL ?? '' },
  });
  expect(created.status()).toBe(201);

  const memberContext = await browser.newContext();
  const memberPage = await memberContext.newPage();
  let client: APIRequestContext | null = null;
  try {
    await signIn(memberPage, kim);
    await memberPage.goto('/settings?tab=api-keys');
    await expect(memberPage.getByRole('heading', { name: 'Your API keys' })).toBeVisible();
    await expect(memberPage.getByText('No API keys')).toBeVisible();
    await expect(memberPage.getByRole('heading', { name: 'All users’ API keys' })).toHaveCount(0);

    await memberPage.getByRole('button', { name: 'Create key' }).click();
    const dialog = memberPage.getByRole('dialog');
    await dialog.getByLabel('Name').fill('kim deploy');
    await dialog.getByLabel('Scope').selectOption('full');
    await dialog.getByLabel('Expires after').selectOption('never');
    await dialog.getByRole('button', { name: 'Create key' }).click();
    const key = (await dialog.getByLabel('API key', { exact: true }).textContent())?.trim() ?? '';
    expect(key).toMatch(/^ank_[A-Za-z0-9_-]{43}$/);
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(memberPage.locator('[data-api-key="kim deploy"]')).toContainText('full access');

    client = await outsideClient(baseURL, key);
    const write = await client.patch('/api/preferences', { data: { appearance: { theme: 'dark' } } });
    expect(write.status()).toBe(200);
    const admin = await client.get('/api/users');
    expect(admin.status()).toBe(403);

    // The admin sees the member's key, with its last use, and revokes it there.
    await page.goto('/settings?tab=api-keys');
    const allRow = page
      .getByRole('table', { name: 'All users’ API keys' })
      .locator('[data-api-key="kim deploy"]');
    await expect(allRow).toContainText('kim-keys');
    await expect(allRow.getByTestId('last-used')).toContainText('127.0.0.1');
    await allRow.getByRole('button', { name: 'Revoke API key kim deploy' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
    await expect(allRow).toContainText('revoked');

    const after = await client.get('/api/preferences');
    expect(after.status()).toBe(401);
    expect(await after.json()).toMatchObject({ error: 'api_key_revoked' });
    await memberPage.reload();
    await expect(memberPage.locator('[data-api-key="kim deploy"]')).toContainText('revoked');
  } finally {
    await client?.dispose();
    await memberContext.close();
  }
});
