import fs from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { signInAsFirstAdmin } from './helpers';

test.describe.configure({ mode: 'serial' });

test('an admin sets a backup schedule, backs up now, downloads and deletes the backup', async ({
  page,
  baseURL,
}) => {
  await signInAsFirstAdmin(page, baseURL);
  await page.goto('/settings?tab=backups');
  await expect(page.getByRole('heading', { name: 'Scheduled backups' })).toBeVisible();

  const form = page.getByRole('form', { name: 'Backup schedule' });
  await form.getByRole('switch', { name: 'Back up on a schedule' }).click();
  await form.getByLabel('Every (hours)').fill('6');
  await form.getByLabel('Keep the newest').fill('3');
  await form.getByRole('button', { name: 'Save schedule' }).click();
  await expect(page.getByText('Backup schedule saved')).toBeVisible();

  // Stored on the server: a reload shows the same schedule and when it runs next.
  await page.reload();
  await expect(form.getByRole('switch', { name: 'Back up on a schedule' })).toBeChecked();
  await expect(form.getByLabel('Every (hours)')).toHaveValue('6');
  await expect(form.getByLabel('Keep the newest')).toHaveValue('3');
  await expect(page.getByText('No backup has run yet.')).toBeVisible();
  await expect(page.getByText('No backups yet')).toBeVisible();

  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByText(/^Backup archnest-backup-.+ written/)).toBeVisible();
  const row = page.locator('[data-backup]').first();
  await expect(row).toBeVisible();
  const name = (await row.getAttribute('data-backup')) ?? '';
  expect(name).toMatch(/^archnest-backup-\d{8}T\d{6}\.\d{3}Z\.json\.gz$/);
  await expect(row).toContainText(/\d+(\.\d+)? (B|KB|KiB|MB|MiB)/);
  await expect(page.getByTestId('backup-last-run')).toContainText('ok');
  await expect(page.getByTestId('backup-last-run')).toContainText('Next run');

  const downloading = page.waitForEvent('download');
  await row.getByRole('link', { name: `Download ${name}` }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(name);
  const file = await download.path();
  const document = JSON.parse(gunzipSync(fs.readFileSync(file)).toString('utf8')) as {
    format: string;
    tables: Record<string, { username?: string }[]>;
  };
  expect(document.format).toBe('archnest-backup');
  expect(document.tables.users?.map((u) => u.username)).toContain('ada-admin');

  await row.getByRole('button', { name: `Delete ${name}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete backup' }).click();
  await expect(page.getByText(`Deleted ${name}`)).toBeVisible();
  await expect(page.locator(`[data-backup="${name}"]`)).toHaveCount(0);
  await expect(page.getByText('No backups yet')).toBeVisible();
});
