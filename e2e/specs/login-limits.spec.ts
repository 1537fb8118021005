import { expect, test } from '@playwright/test';
import { firstAdmin, signIn, signInAsFirstAdmin, signOut } from './helpers';

// A name nobody owns: its guesses lock only this (username, address) pair and add 5 failures to
// the address, well under the per-address limit the other specs' sign-ins share.
const guessed = 'mallory-guess';

test('repeated refused sign-ins show as one row with its attempt count in the admin’s sign-in table', async ({
  page,
  baseURL,
}) => {
  await signInAsFirstAdmin(page, baseURL); // creates the admin when this spec runs on its own
  await signOut(page, firstAdmin.username);
  for (let i = 0; i < 5; i++) {
    await page.getByLabel('Username').fill(guessed);
    await page.getByLabel('Password').fill(`wrong-guess-${i}-pw`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('Wrong username or password');
    await page.getByLabel('Password').fill('');
  }
  for (let i = 0; i < 3; i++) {
    await page.getByLabel('Password').fill(`still-wrong-${i}-pw`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText(
      /^Too many sign-in attempts\. Try again in 15 minutes\.$/,
    );
    await page.getByLabel('Password').fill('');
  }

  await signIn(page, firstAdmin);
  await page.goto('/settings?tab=audit');
  const table = page.getByRole('table', { name: 'Sign-ins of all users' });
  await expect(table.getByRole('columnheader', { name: 'Attempts' })).toBeVisible();
  const folded = table.getByRole('row').filter({ hasText: guessed }).filter({ hasText: 'Too many attempts' });
  await expect(folded).toHaveCount(1);
  await expect(folded).toContainText(/3× \(last/);
  await expect(
    table.getByRole('row').filter({ hasText: guessed }).filter({ hasText: 'Unknown user' }),
  ).toHaveCount(5);
});
