import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { expectAppearance, firstAdmin, preferencesSaved, signIn, signOut, type Account } from './helpers';

test.describe.configure({ mode: 'serial' });

const admin: Account = firstAdmin;
const member: Account = { username: 'max-member', password: 'quiet-harbor-42' };
const chosen = { theme: 'dark', accent: '#8b5cf6', fontSize: '17px' };

// One browser context carries the admin through the flow, as one person would.
let context: BrowserContext;
let page: Page;

test.beforeAll(async ({ browser }) => {
  context = await browser.newContext();
  page = await context.newPage();
});

test.afterAll(async () => {
  await context.close();
});

test('first run: setup creates the admin and signs in', async () => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Welcome to ArchNest' })).toBeVisible();

  await page.getByLabel('Username').fill(admin.username);
  await page.getByLabel('Password', { exact: true }).fill('short');
  await expect(page.getByRole('list', { name: 'Requirements' })).toContainText('At least 10 characters');
  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.getByLabel('Confirm password').fill(admin.password);
  await page.getByRole('button', { name: 'Create admin account' }).click();

  // Setup signs the admin in and lands on Home, with its setup steps.
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Setup steps' })).toBeVisible();
  await expect(page.getByRole('button', { name: `Account menu for ${admin.username}` })).toBeVisible();
  await page.goto('/settings');
  await expect(page.getByRole('tab', { name: 'Users' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Audit' })).toBeVisible();

  // Setup happens once: the page now sends visitors on instead of offering a second admin.
  await page.goto('/setup');
  await expect(page).toHaveURL(/\/$/);
});

test('appearance changes apply at once, survive a reload and follow the user to a new browser', async ({
  browser,
}) => {
  await page.getByRole('button', { name: `Account menu for ${admin.username}` }).click();
  await page.getByRole('menuitem', { name: 'Appearance' }).click();
  await expect(page).toHaveURL(/tab=appearance/);

  await Promise.all([
    preferencesSaved(page),
    page.getByRole('radio', { name: 'Dark' }).check({ force: true }),
  ]);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

  await Promise.all([
    preferencesSaved(page),
    page.getByRole('radio', { name: 'Violet accent' }).check({ force: true }),
  ]);
  await Promise.all([preferencesSaved(page), page.getByLabel('Font size').fill('17')]);
  await expectAppearance(page, chosen);
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await expectAppearance(page, chosen);

  // A fresh context has no local cache: what it shows must come from the server.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, admin);
  await expectAppearance(otherPage, chosen);
  await otherPage.goto('/settings?tab=appearance');
  await expect(otherPage.getByLabel('Font size')).toHaveValue('17');
  await expect(otherPage.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await other.close();
});

test('ending a session from Security signs that browser out at once', async ({ browser }) => {
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, admin);

  await page.goto('/settings?tab=security');
  const sessions = page.getByRole('table', { name: 'Active sessions' });
  await expect(sessions.getByText('This session')).toHaveCount(1);
  // Every other session of this admin goes, including the one just opened.
  const endOthers = sessions.getByRole('button', { name: /^End session from/ });
  await expect(endOthers.first()).toBeVisible();
  for (let left = await endOthers.count(); left > 0; left--) {
    await endOthers.first().click();
    // Wait for the refetched list, so the next click cannot land on a row that is already gone.
    await expect(endOthers).toHaveCount(left - 1);
  }
  await expect(page.getByText('Session ended').first()).toBeVisible();

  // The server's WebSocket event, not a later API call, moves the other browser to the login page.
  await expect(otherPage).toHaveURL(/\/login$/);
  await expect(otherPage.getByText('This session was ended from another session')).toBeVisible();
  await other.close();
});

test('admin creates a member in Settings > Users', async () => {
  await page.goto('/settings?tab=users');
  await expect(page.getByText('1 of 10 seats used')).toBeVisible();
  await page.getByRole('button', { name: 'New user' }).click();

  const dialog = page.getByRole('dialog', { name: 'New user' });
  await dialog.getByLabel('Username').fill(member.username);
  await dialog.getByLabel('Password').fill(member.password);
  await dialog.getByLabel('Role').selectOption('member');
  await dialog.getByRole('button', { name: 'Create user' }).click();
  await expect(dialog).toBeHidden();

  const row = page
    .getByRole('table', { name: 'Users' })
    .getByRole('row')
    .filter({ hasText: member.username });
  await expect(row).toContainText('member');
  await expect(row).toContainText('Active');
  await expect(page.getByText('2 of 10 seats used')).toBeVisible();

  await page.getByRole('tab', { name: 'Audit' }).click();
  await expect(page.getByRole('table', { name: 'Admin activity' })).toContainText(member.username);
});

test('a member sees no admin areas and the API refuses them', async () => {
  await signOut(page, admin.username);
  await signIn(page, member);

  await page.goto('/settings');
  await expect(page.getByRole('tab', { name: 'Profile' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Users' })).toHaveCount(0);
  await expect(page.getByRole('tab', { name: 'Audit' })).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText([
    'Home',
    'Infrastructure',
    'Terminal',
    'Containers',
    'Alerts',
    'Settings',
  ]);
  await expect(page.getByRole('tab', { name: 'Hosts' })).toHaveCount(0);
  await expect(page.getByRole('tab', { name: 'Docker hosts' })).toHaveCount(0);
  await expect(page.getByRole('tab', { name: 'Credentials' })).toHaveCount(0);
  await expect(page.getByRole('tab', { name: 'Integrations' })).toHaveCount(0);

  // A deep link to an admin tab says there is no such tab for this account, and shows nothing of it.
  await page.goto('/settings?tab=users');
  await expect(page.getByRole('alert')).toContainText('No such settings tab');
  await expect(page.getByRole('tab', { selected: true })).toHaveCount(0);
  await expect(page.getByRole('table', { name: 'Users' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Open your profile' }).click();
  await expect(page.getByRole('tab', { name: 'Profile' })).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(/tab=profile/);
  await expect(page.getByRole('main')).toContainText(member.username);

  // The command palette offers no admin destinations either.
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette.getByRole('option', { name: 'Go to Security' })).toBeVisible();
  await expect(palette.getByRole('option', { name: 'Go to Users' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(palette).toBeHidden();

  expect((await page.request.get('/api/users')).status()).toBe(403);
  expect((await page.request.get('/api/admin/audit')).status()).toBe(403);
  expect((await page.request.get('/api/admin/login-audit')).status()).toBe(403);
});

test('a wrong password shows a clear message and does not sign in', async () => {
  await signOut(page, member.username);
  await page.getByLabel('Username').fill(member.username);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong username or password');
  await expect(page).toHaveURL(/\/login$/);
});

test('the login page answers an unknown user the same way', async ({ page: fresh }) => {
  await fresh.goto('/login');
  await fresh.getByLabel('Username').fill('nobody-here');
  await fresh.getByLabel('Password').fill('whatever-password');
  await fresh.getByRole('button', { name: 'Sign in' }).click();
  await expect(fresh.getByRole('alert')).toHaveText('Wrong username or password');
});
