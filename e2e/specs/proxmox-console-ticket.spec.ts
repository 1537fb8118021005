import { expect, test, type Page } from '@playwright/test';
import { OLD_PVE, startProxmoxFake, type ProxmoxFake } from '@archnest/test-support';
import { signInAsFirstAdmin } from './helpers';

// The app exposes this only when navigator.webdriver is true (web/src/features/terminal/test-hook.ts).
declare global {
  interface Window {
    __archnestConsoles?: { status: string; serialize: () => string }[];
  }
}

test.describe.configure({ mode: 'serial' });

let page: Page;
let fake: ProxmoxFake;
let integrationId = '';

const consoleText = () =>
  page.evaluate(() => window.__archnestConsoles?.map((c) => c.serialize()).join('\n') ?? '');

/** A Proxmox VE 8.4 cluster of its own (loopback fake): API tokens cannot open consoles there. */
test.beforeAll(async ({ browser, baseURL }) => {
  fake = await startProxmoxFake({ tls: 'self-signed', versions: OLD_PVE, noSerial: [102] });
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signInAsFirstAdmin(page, baseURL);
  const created = await page.request.post('/api/integrations', {
    headers: { Origin: baseURL ?? '' },
    data: {
      kind: 'proxmox',
      name: 'e2e-pve-old',
      config: { url: fake.url, tokenId: fake.tokenId, consoleUser: 'root@pam' },
      secrets: { tokenSecret: fake.tokenSecret, consolePassword: 'fake-root-password' },
      tls: { pinnedSha256: fake.fingerprint },
    },
  });
  expect(created.status()).toBe(201);
  integrationId = ((await created.json()) as { id: string }).id;
});

test.afterAll(async ({ baseURL }) => {
  await page.request.delete(`/api/integrations/${integrationId}`, { headers: { Origin: baseURL ?? '' } });
  await page.close();
  await fake?.stop();
});

test('on an old cluster a container console opens through the console user’s ticket and runs echo', async () => {
  await page.goto(`/infrastructure?view=integration%3A${integrationId}`);
  const table = page.getByRole('table', { name: 'Members of e2e-pve-old' });
  const dns = table.locator('[role="row"][data-member="lxc/200"]');
  await expect(dns).toContainText('running', { timeout: 30_000 });
  await dns.getByRole('button', { name: 'Actions for dns' }).click();
  await page.getByRole('menuitem', { name: 'Console', exact: true }).click();
  const pane = page.getByRole('region', { name: 'Proxmox console' });
  await expect(pane.getByLabel('Status: live')).toBeVisible({ timeout: 20_000 });
  await pane.locator('.xterm').click();
  await page.keyboard.type('echo ticket-käse');
  await page.keyboard.press('Enter');
  await expect.poll(consoleText, { timeout: 15_000 }).toMatch(/echo ticket-käse\s+ticket-käse\s/);
  // The fake saw the console user's ticket, after one sign-in through /access/ticket.
  expect(fake.consoles.at(-1)).toMatchObject({ path: '/api2/json/nodes/pve1/lxc/200', user: 'root@pam' });
  expect(fake.logins).toEqual(['root@pam']);
  await pane.getByRole('button', { name: 'Close Proxmox console' }).click();
  await expect(pane).toBeHidden();
});

test('a VM without a serial port says so in plain words', async () => {
  const table = page.getByRole('table', { name: 'Members of e2e-pve-old' });
  const mail = table.locator('[role="row"][data-member="qemu/102"]');
  await mail.getByRole('button', { name: 'Actions for mail' }).click();
  await page.getByRole('menuitem', { name: 'Console', exact: true }).click();
  const pane = page.getByRole('region', { name: 'Proxmox console' });
  await expect(pane.getByRole('alert')).toContainText(
    'VM 102 has no serial port, so it has no text console.',
    {
      timeout: 20_000,
    },
  );
  await pane.getByRole('button', { name: 'Close Proxmox console' }).click();
});

test('the integration form offers the console user and keeps its password out of the page', async () => {
  await page.goto('/settings?tab=integrations');
  await page.getByRole('button', { name: 'Actions for e2e-pve-old' }).click();
  await page.getByRole('menuitem', { name: 'Edit…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Edit e2e-pve-old' });
  await expect(dialog.getByLabel('Console user (optional)')).toHaveValue('root@pam');
  await expect(dialog.getByText('Console user password')).toBeVisible();
  expect(await page.content()).not.toContain('fake-root-password');
  await page.keyboard.press('Escape');
});
