import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { freePort, startOidcProvider, type OidcProvider } from '@archnest/test-support';
import { startOwnServer, type OwnServer } from './own-server';

/**
 * Single sign-on is a pro feature with settings the environment may lock; this spec starts its own pro
 * server (the same built bundle) on a free port, next to a real OIDC provider, and a community one.
 */
test.describe.configure({ mode: 'serial' });

const admin = { username: 'sso-admin', password: 'granite-meadow-58' };
const IDP_PASSWORD = 'idp-e2e-pass-77';

let idp: OidcProvider;
let server: OwnServer;
let base: string;
let context: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }) => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  idp = await startOidcProvider({
    redirectUris: [`${base}/api/auth/sso/callback`],
    claimsIn: 'userinfo',
    users: {
      grace: { password: IDP_PASSWORD, email: 'grace@example.test', groups: ['staff', 'ops'] },
      henry: { password: IDP_PASSWORD, email: 'henry@example.test', groups: ['guests'] },
      ivy: { password: IDP_PASSWORD, email: 'ivy@example.test', groups: ['staff'] },
    },
  });
  server = await startOwnServer(
    {
      ARCHNEST_EDITION: 'pro',
      // One setting fixed by the environment, as infrastructure-as-code would: locked in the UI.
      ARCHNEST_OIDC_SCOPES: 'openid profile email groups',
    },
    port,
  );
  // The provider's certificate comes from a throwaway CA that Chromium does not know; ArchNest
  // itself verifies it against the CA configured below.
  context = await browser.newContext({ ignoreHTTPSErrors: true, baseURL: base });
  page = await context.newPage();
  const setup = await page.request.post(`${base}/api/auth/setup`, { data: admin, headers: { Origin: base } });
  expect(setup.status()).toBe(201);
  await context.clearCookies();
});

test.afterAll(async () => {
  await context?.close();
  server?.stop();
  await idp?.stop();
});

test('an admin configures single sign-on in Settings › Authentication', async () => {
  await page.goto(`${base}/login`);
  await expect(page.getByRole('link', { name: /Sign in with/ })).toHaveCount(0);
  await page.getByLabel('Username').fill(admin.username);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: `Account menu for ${admin.username}` })).toBeVisible();

  await page.goto(`${base}/settings?tab=authentication`);
  const form = page.getByRole('form', { name: 'Single sign-on settings' });
  await expect(form.getByText(`${base}/api/auth/sso/callback`)).toBeVisible();
  await expect(form.getByLabel('Scopes')).toBeDisabled();
  await expect(form.getByLabel('Scopes')).toHaveValue('openid profile email groups');
  await expect(
    form.getByText('Set by the server environment (ARCHNEST_OIDC_*); change it there.'),
  ).toBeVisible();
  await form.getByLabel('Issuer URL').fill(idp.issuer);
  await form.getByLabel('Client ID').fill(idp.clientId);
  await form.getByLabel('Client secret').fill(idp.clientSecret);
  await form.getByLabel('Button label').fill('Test IdP');
  await form.getByLabel('Allowed groups').fill('staff, ops');
  await form.getByLabel('Admin group').fill('ops');
  await form.getByLabel('Extra CA certificate (PEM)').fill(idp.caPem);
  await form.getByRole('switch', { name: 'Offer single sign-on' }).click();
  await form.getByRole('switch', { name: 'Create accounts on first sign-in' }).click();
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Single sign-on settings saved')).toBeVisible();
  await expect(form.getByLabel('Client secret')).toHaveValue('');
  await expect(form.getByLabel('Client secret')).toHaveAttribute('placeholder', /Saved/);

  await form.getByRole('button', { name: 'Test discovery' }).click();
  await expect(form.getByRole('status')).toHaveText(`Reached ${idp.issuer}.`);

  // The saved settings come back from the server on a reload, the secret only as "saved".
  await page.reload();
  await expect(form.getByLabel('Issuer URL')).toHaveValue(idp.issuer);
  await expect(form.getByLabel('Admin group')).toHaveValue('ops');
});

test('a new person signs in with the SSO button and the provider’s own form', async () => {
  await page.getByRole('button', { name: `Account menu for ${admin.username}` }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);

  await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();
  await expect(page.getByRole('heading', { name: 'Test IdP' })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(idp.issuer);
  await page.getByLabel('IdP username').fill('grace');
  await page.getByLabel('IdP password').fill(IDP_PASSWORD);
  await page.getByRole('button', { name: 'Continue to ArchNest' }).click();

  await expect(page.getByRole('button', { name: 'Account menu for grace' })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(base);
  expect(page.url()).not.toMatch(/code=|state=|token/);
  // The admin group made grace an admin: the admin-only settings are hers.
  await page.goto(`${base}/settings?tab=authentication`);
  const row = page.getByRole('row', { name: /grace/ });
  await expect(row).toContainText('admin');
  await expect(row).toContainText('grace');
});

test('someone outside the allowed groups is told why, in plain words', async ({ browser }) => {
  // Another person at another browser: the provider still remembers grace's session in the first one.
  const other = await browser.newContext({ ignoreHTTPSErrors: true });
  try {
    const henry = await other.newPage();
    await henry.goto(`${base}/login`);
    await henry.getByRole('link', { name: 'Sign in with Test IdP' }).click();
    await henry.getByLabel('IdP username').fill('henry');
    await henry.getByLabel('IdP password').fill(IDP_PASSWORD);
    await henry.getByRole('button', { name: 'Continue to ArchNest' }).click();
    await expect(henry).toHaveURL(/\/login\?sso_error=group_not_allowed$/);
    await expect(henry.getByRole('alert')).toHaveText(
      'Your account at the identity provider is not in a group allowed to use ArchNest.',
    );
    // Password sign-in stays available next to the button.
    await expect(henry.getByRole('button', { name: 'Sign in' })).toBeVisible();
  } finally {
    await other.close();
  }
});

test('an existing local account is linked with its password once, then pinned and unlinked by an admin', async ({
  browser,
}) => {
  const ivyPassword = 'willow-lantern-63';
  const created = await page.request.post(`${base}/api/users`, {
    data: { username: 'ivy', password: ivyPassword, role: 'member' },
    headers: { Origin: base },
  });
  expect(created.status()).toBe(201);

  const other = await browser.newContext({ ignoreHTTPSErrors: true });
  try {
    const ivy = await other.newPage();
    await ivy.goto(`${base}/login`);
    await ivy.getByRole('link', { name: 'Sign in with Test IdP' }).click();
    await ivy.getByLabel('IdP username').fill('ivy');
    await ivy.getByLabel('IdP password').fill(IDP_PASSWORD);
    await ivy.getByRole('button', { name: 'Continue to ArchNest' }).click();
    await expect(ivy).toHaveURL(/\/login\?sso=link$/);
    await expect(ivy.getByRole('heading', { name: 'Link your account' })).toBeVisible();
    await expect(ivy.getByText('An ArchNest account named ivy already exists')).toBeVisible();
    await ivy.getByLabel('Password of the existing account').fill('not-ivys-password');
    await ivy.getByRole('button', { name: 'Link account and sign in' }).click();
    await expect(ivy.getByRole('alert')).toHaveText('That is not the password of ivy.');
    await ivy.getByLabel('Password of the existing account').fill(ivyPassword);
    await ivy.getByRole('button', { name: 'Link account and sign in' }).click();
    await expect(ivy.getByRole('button', { name: 'Account menu for ivy' })).toBeVisible();
  } finally {
    await other.close();
  }

  await page.goto(`${base}/settings?tab=authentication`);
  const row = page.getByRole('row', { name: /ivy/ });
  // The username cell and, now linked, the provider subject cell.
  await expect(row.getByRole('cell', { name: 'ivy', exact: true })).toHaveCount(2);
  await row.getByRole('checkbox', { name: 'Pin the role of ivy' }).click();
  await expect(page.getByText('Role of ivy pinned')).toBeVisible();
  await expect(row.getByRole('checkbox', { name: 'Pin the role of ivy' })).toBeChecked();
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Pin the role of ivy' })).toBeChecked();
  await page.getByRole('button', { name: 'Unlink ivy' }).click();
  await expect(page.getByText('ivy is no longer linked')).toBeVisible();
  await expect(page.getByRole('row', { name: /ivy/ })).toContainText('Not linked');
});

test('signing out ends the ArchNest session; the provider may sign the same person in again', async () => {
  await page.getByRole('button', { name: 'Account menu for grace' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  expect((await page.request.get(`${base}/api/auth/me`)).status()).toBe(401);
  // No RP-initiated logout: the provider still has its own session and skips its form.
  await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();
  await expect(page.getByRole('button', { name: 'Account menu for grace' })).toBeVisible();
});

test('a community server offers no SSO and says it needs the pro edition', async ({ browser }) => {
  const community = await startOwnServer({ ARCHNEST_EDITION: 'community' });
  const own = await browser.newContext({ baseURL: community.base });
  try {
    const page = await own.newPage();
    const setup = await page.request.post('/api/auth/setup', {
      data: admin,
      headers: { Origin: community.base },
    });
    expect(setup.status()).toBe(201);
    await page.goto('/settings?tab=authentication');
    await expect(page.getByText('Single sign-on is part of the pro edition')).toBeVisible();
    expect((await page.request.get('/api/auth/sso/login', { maxRedirects: 0 })).status()).toBe(403);
    await own.clearCookies();
    await page.goto('/login');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByRole('link', { name: /Sign in with/ })).toHaveCount(0);
  } finally {
    await own.close();
    community.stop();
  }
});
