import { expect, type Page } from '@playwright/test';

export interface Account {
  username: string;
  password: string;
}

/** The first admin, created by the accounts flow (or by whichever spec runs first). */
export const firstAdmin: Account = { username: 'ada-admin', password: 'orbit-lantern-97' };

export async function signIn(page: Page, account: Account): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(account.username);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // Signing in lands on Home.
  await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
}

/**
 * Signs in as the first admin through the login form. Run on its own, a spec first creates the admin
 * the accounts flow would have (setup signs that context in, so its cookie is dropped first).
 */
export async function signInAsFirstAdmin(page: Page, baseURL: string | undefined): Promise<void> {
  const status = await (await page.request.get('/api/auth/status')).json();
  if (status.setupRequired) {
    const setup = await page.request.post('/api/auth/setup', {
      data: firstAdmin,
      headers: { Origin: baseURL ?? '' },
    });
    expect(setup.status()).toBe(201);
    await page.context().clearCookies();
  }
  await signIn(page, firstAdmin);
}

export async function signOut(page: Page, username: string): Promise<void> {
  await page.getByRole('button', { name: `Account menu for ${username}` }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login$/);
}

export function cssVar(page: Page, name: string): Promise<string> {
  return page.evaluate(
    (variable) => getComputedStyle(document.documentElement).getPropertyValue(variable).trim(),
    name,
  );
}

/** Waits for the PATCH that persists an appearance change, so a reload cannot outrun it. */
export function preferencesSaved(page: Page) {
  return page.waitForResponse(
    (response) => response.url().endsWith('/api/preferences') && response.request().method() === 'PATCH',
  );
}

export async function expectAppearance(
  page: Page,
  expected: { theme: string; accent: string; fontSize: string },
) {
  await expect(page.locator('html')).toHaveAttribute('data-theme', expected.theme);
  await expect(page.locator('html')).toHaveClass(expected.theme === 'dark' ? /\bdark\b/ : /^(?!.*\bdark\b)/);
  await expect.poll(() => cssVar(page, '--accent')).toBe(expected.accent);
  await expect.poll(() => cssVar(page, '--font-size')).toBe(expected.fontSize);
  // The variable must also reach the layout, not just sit on the element.
  await expect
    .poll(() => page.evaluate(() => getComputedStyle(document.documentElement).fontSize))
    .toBe(expected.fontSize);
}
