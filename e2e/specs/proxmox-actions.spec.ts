import { expect, test, type Page } from '@playwright/test';
import { signInAsFirstAdmin } from './helpers';

// The app exposes this only when navigator.webdriver is true (web/src/features/terminal/test-hook.ts).
declare global {
  interface Window {
    __archnestConsoles?: { status: string; serialize: () => string }[];
  }
}

const consoleText = () =>
  page.evaluate(() => window.__archnestConsoles?.map((c) => c.serialize()).join('\n') ?? '');

test.describe.configure({ mode: 'serial' });

/** Prepared by the global setup: the loopback Proxmox VE fake (self-signed HTTPS). */
interface ProxmoxTarget {
  url: string;
  fingerprint: string;
  tokenId: string;
  tokenSecret: string;
}

function proxmox(): ProxmoxTarget {
  const raw = process.env.ARCHNEST_E2E_INFRA;
  if (!raw) throw new Error('ARCHNEST_E2E_INFRA is not set: the global setup must start the fakes first');
  return (JSON.parse(raw) as { proxmox: ProxmoxTarget }).proxmox;
}

let page: Page;
let integrationId = '';

test.beforeAll(async ({ browser, baseURL }) => {
  page = await browser.newPage();
  await signInAsFirstAdmin(page, baseURL);
  const origin = { Origin: baseURL ?? '' };
  for (const integration of await (await page.request.get('/api/integrations')).json()) {
    await page.request.delete(`/api/integrations/${integration.id}`, { headers: origin });
  }
  const target = proxmox();
  const created = await page.request.post('/api/integrations', {
    headers: origin,
    data: {
      kind: 'proxmox',
      name: 'e2e-pve-actions',
      config: { url: target.url, tokenId: target.tokenId },
      secrets: { tokenSecret: target.tokenSecret },
      tls: { pinnedSha256: target.fingerprint },
      // Long: the state change on screen must come from the refresh at the task's end.
      pollIntervalSeconds: 3600,
    },
  });
  expect(created.status()).toBe(201);
  integrationId = ((await created.json()) as { id: string }).id;
});

test.afterAll(async ({ baseURL }) => {
  await page.request.delete(`/api/integrations/${integrationId}`, { headers: { Origin: baseURL ?? '' } });
  await page.close();
});

test('admin stops and starts an LXC container: confirmation, task toast with its log, state and task list follow', async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Infrastructure' }).click();
  const grid = page.getByRole('region', { name: 'Node status' });
  const pve1 = grid.getByRole('article', { name: 'pve1' });
  await expect(pve1).toBeVisible({ timeout: 30_000 });
  await pve1.getByRole('button', { name: /^Open pve1/ }).click();
  const card = page.getByRole('region', { name: /Node detail · pve1/ });
  const dns = card.locator('[role="row"][data-member="lxc/200"]');
  await expect(dns).toContainText('running');
  const tasks = card.getByRole('region', { name: 'Recent tasks' });
  await expect(tasks.getByText('No tasks yet')).toBeVisible();

  // Stop asks first; Cancel has the focus, so Escape or Enter never stops anything by accident.
  await dns.getByRole('button', { name: 'Actions for dns' }).click();
  await expect(page.getByRole('menuitem', { name: 'Start' })).toHaveCount(0);
  await page.getByRole('menuitem', { name: 'Stop…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Stop dns?' });
  await expect(confirm).toContainText('like pulling the power plug');
  await confirm.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(confirm).toBeHidden();

  // The toast follows the task over /api/events to its end, with the last log lines.
  const done = page.locator('[data-sonner-toast]').filter({ hasText: 'Stop dns: done' });
  await expect(done).toBeVisible({ timeout: 15_000 });
  await expect(done.locator('[data-task-log]')).toContainText('TASK OK');
  await expect(dns).toContainText('stopped');
  const stopRow = tasks.locator('li[data-task]').first();
  await expect(stopRow).toHaveAttribute('data-task-state', 'ok');
  await expect(stopRow).toContainText('Stop dns');
  await expect(stopRow).toContainText('lxc/200 on pve1');

  // Start needs no confirmation.
  await dns.getByRole('button', { name: 'Actions for dns' }).click();
  await expect(page.getByRole('menuitem', { name: 'Stop…' })).toHaveCount(0);
  await page.getByRole('menuitem', { name: 'Start' }).click();
  await expect(page.locator('[data-sonner-toast]').filter({ hasText: 'Start dns: done' })).toBeVisible({
    timeout: 15_000,
  });
  await expect(dns).toContainText('running');
  await expect(tasks.locator('li[data-task]')).toHaveCount(2);
  await expect(tasks.locator('li[data-task]').first()).toContainText('Start dns');
});

test('a failing task shows Proxmox’s error in the toast and the list', async () => {
  const card = page.getByRole('region', { name: /Node detail · pve1/ });
  // The fake lets a running VM's start through to a task that fails, as Proxmox does.
  const response = await page.request.post(
    `/api/integrations/${integrationId}/nodes/pve1/guests/qemu/100/power`,
    { headers: { Origin: new URL(page.url()).origin }, data: { action: 'start' } },
  );
  expect(response.status()).toBe(202);
  await expect(
    page.locator('[data-sonner-toast]').filter({ hasText: 'Start web failed: VM 100 already running' }),
  ).toBeVisible({ timeout: 15_000 });
  const first = card.getByRole('region', { name: 'Recent tasks' }).locator('li[data-task]').first();
  await expect(first).toHaveAttribute('data-task-state', 'failed');
  await expect(first).toContainText('VM 100 already running');
});

test('admin opens a container console and a node shell from the node detail', async () => {
  const card = page.getByRole('region', { name: /Node detail · pve1/ });
  const dns = card.locator('[role="row"][data-member="lxc/200"]');
  await dns.getByRole('button', { name: 'Actions for dns' }).click();
  await page.getByRole('menuitem', { name: 'Console' }).click();
  const pane = page.getByRole('region', { name: 'Proxmox console' });
  await expect(pane.getByLabel('Status: live')).toBeVisible({ timeout: 20_000 });
  await expect(pane).toContainText('e2e-pve-actions: CT 200 on pve1');
  await pane.locator('.xterm').click();
  await page.keyboard.type('echo console-says-hi');
  await page.keyboard.press('Enter');
  // Once as typed (echoed back), once as the command's output.
  await expect.poll(consoleText, { timeout: 15_000 }).toMatch(/echo console-says-hi\s+console-says-hi\s/);
  await pane.getByRole('button', { name: 'Close Proxmox console' }).click();
  await expect(pane).toBeHidden();
  await expect.poll(() => page.evaluate(() => window.__archnestConsoles?.length ?? 0)).toBe(0);

  await card.getByRole('button', { name: 'Shell' }).click();
  await expect(pane.getByLabel('Status: live')).toBeVisible({ timeout: 20_000 });
  await pane.locator('.xterm').click();
  await page.keyboard.type('stty size');
  await page.keyboard.press('Enter');
  await expect.poll(consoleText, { timeout: 15_000 }).toMatch(/root@pve1:~# stty size\s+\d+ \d+/);
  await pane.getByRole('button', { name: 'Close Proxmox console' }).click();
  await expect(pane).toBeHidden();
});
