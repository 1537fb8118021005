import { expect, test, type Page } from '@playwright/test';
import { signInAsFirstAdmin } from './helpers';
import { horizontalOverflow } from './overflow';

// The app exposes this only when navigator.webdriver is true (web/src/features/terminal/test-hook.ts).
declare global {
  interface Window {
    __archnestTerminals?: { status: string; sessionId: string | null; serialize: () => string }[];
  }
}

test.describe.configure({ mode: 'serial' });

/** Prepared by the global setup: loopback fakes of Proxmox VE (self-signed HTTPS) and EC2. */
interface Infra {
  proxmox: { url: string; fingerprint: string; tokenId: string; tokenSecret: string };
  ec2: { endpoint: string; accessKeyId: string; secretAccessKey: string; regions: string[] };
}

function infra(): Infra {
  const raw = process.env.ARCHNEST_E2E_INFRA;
  if (!raw) throw new Error('ARCHNEST_E2E_INFRA is not set: the global setup must start the fakes first');
  return JSON.parse(raw) as Infra;
}

let page: Page;
const ids = { pve: '', aws: '' };

test.beforeAll(async ({ browser, baseURL }) => {
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await signInAsFirstAdmin(page, baseURL);
  const headers = { Origin: baseURL ?? '' };
  for (const integration of await (await page.request.get('/api/integrations')).json()) {
    await page.request.delete(`/api/integrations/${integration.id}`, { headers });
  }
  const { proxmox, ec2 } = infra();
  const add = async (data: object) => {
    const created = await page.request.post('/api/integrations', { headers, data });
    expect(created.status()).toBe(201);
    return ((await created.json()) as { id: string }).id;
  };
  ids.pve = await add({
    kind: 'proxmox',
    name: 'e2e-pve-tabs',
    config: { url: proxmox.url, tokenId: proxmox.tokenId },
    secrets: { tokenSecret: proxmox.tokenSecret },
    tls: { pinnedSha256: proxmox.fingerprint },
    // Long: a state change on screen must come from the refresh at a task's end.
    pollIntervalSeconds: 3600,
  });
  ids.aws = await add({
    kind: 'aws-ec2',
    name: 'e2e-aws-tabs',
    config: { regions: ec2.regions, accessKeyId: ec2.accessKeyId, endpoint: ec2.endpoint },
    secrets: { secretAccessKey: ec2.secretAccessKey },
  });
});

test.afterAll(async ({ baseURL }) => {
  for (const id of Object.values(ids))
    await page.request.delete(`/api/integrations/${id}`, { headers: { Origin: baseURL ?? '' } });
  await page.close();
});

const strip = () => page.getByRole('tablist', { name: 'Infrastructure views' });
const table = (name: string) => page.getByRole('table', { name: `Members of ${name}` });
const count = () => page.locator('[data-member-count]');
const names = (name: string) =>
  table(name).locator('[role="row"][data-member] [data-column="name"] p.font-medium').allTextContents();

test('a Proxmox integration’s tab lists every guest with search, filters, sort and its state in the URL', async () => {
  await page.goto('/infrastructure');
  const tab = strip().getByRole('tab', { name: 'e2e-pve-tabs' });
  await expect(tab).toBeVisible({ timeout: 30_000 });
  await expect(strip().getByRole('tab', { name: 'e2e-aws-tabs' })).toBeVisible();
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await expect(page).toHaveURL(new RegExp(`view=integration%3A${ids.pve}`));
  // Every node's guests in one table, the offline node's by id.
  await expect(count()).toHaveAttribute('data-member-count', '7', { timeout: 20_000 });
  const pve = table('e2e-pve-tabs');
  for (const column of ['Name', 'Type', 'Status', 'Node', 'CPU', 'Memory', 'Disk', 'Uptime'])
    await expect(pve.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
  await expect(pve.locator('[data-member="qemu/105"]')).toContainText('pve3');
  await expect(pve.locator('[data-member="qemu/100"] [data-column="name"]')).toContainText('prod, web');
  await expect(pve.locator('[data-member="qemu/100"] [data-column="disk"]')).toContainText(
    '3.0 GiB / 32 GiB',
  );
  expect(await horizontalOverflow(page)).toEqual([]);

  await page.getByRole('searchbox', { name: 'Search members' }).fill('dns');
  await expect(count()).toHaveAttribute('data-member-count', '1');
  await expect(pve.locator('[role="row"][data-member]')).toHaveText([/dns.*LXC.*running.*pve1/]);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(count()).toHaveAttribute('data-member-count', '7');

  await page.getByRole('combobox', { name: 'Filter by node' }).selectOption('pve2');
  await expect.poll(() => names('e2e-pve-tabs')).toEqual(['mail', 'proxy']);
  await page.getByRole('combobox', { name: 'Filter by type' }).selectOption('lxc');
  await expect.poll(() => names('e2e-pve-tabs')).toEqual(['proxy']);
  await expect(page).toHaveURL(/node=pve2&type=lxc|type=lxc.*node=pve2/);

  // The view survives a reload: tab, filters and all.
  await page.reload();
  await expect(strip().getByRole('tab', { name: 'e2e-pve-tabs' })).toHaveAttribute('aria-selected', 'true', {
    timeout: 20_000,
  });
  await expect(count()).toHaveAttribute('data-member-count', '1');
  await expect(page.getByRole('combobox', { name: 'Filter by node' })).toHaveValue('pve2');
  await page.getByRole('button', { name: 'Clear filters' }).click();

  await page.getByRole('combobox', { name: 'Filter by tag' }).selectOption('prod');
  await expect.poll(() => names('e2e-pve-tabs')).toEqual(['web']);
  await page.getByRole('combobox', { name: 'Filter by tag' }).selectOption('');
  await page.getByRole('combobox', { name: 'Filter by status' }).selectOption('off');
  await expect.poll(() => names('e2e-pve-tabs')).toEqual(['db']);
  await page.getByRole('combobox', { name: 'Filter by status' }).selectOption('all');

  // A column heading sorts; a second click turns the order round.
  const nameHeader = pve.getByRole('columnheader', { name: 'Name', exact: true });
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect
    .poll(() => names('e2e-pve-tabs'))
    .toEqual(['CT 205', 'db', 'dns', 'mail', 'proxy', 'VM 105', 'web']);
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  await expect.poll(async () => (await names('e2e-pve-tabs'))[0]).toBe('web');
  await pve.getByRole('columnheader', { name: 'Node', exact: true }).getByRole('button').click();
  await expect(page).toHaveURL(/sort=node/);
  await expect.poll(async () => (await names('e2e-pve-tabs')).slice(-2).sort()).toEqual(['CT 205', 'VM 105']);
});

test('from the tab an admin stops and starts an LXC container and sees each task finish', async () => {
  const row = table('e2e-pve-tabs').locator('[role="row"][data-member="lxc/201"]');
  await expect(row).toContainText('running');
  await row.getByRole('button', { name: 'Actions for proxy' }).click();
  await page.getByRole('menuitem', { name: 'Stop…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Stop proxy?' });
  await confirm.getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.locator('[data-sonner-toast]').filter({ hasText: 'Stop proxy: done' })).toBeVisible({
    timeout: 15_000,
  });
  await expect(row).toContainText('stopped');
  const tasks = page.getByRole('region', { name: 'Recent tasks' });
  await expect(tasks.locator('li[data-task]').first()).toHaveAttribute('data-task-state', 'ok');

  await row.getByRole('button', { name: 'Actions for proxy' }).click();
  await page.getByRole('menuitem', { name: 'Start' }).click();
  await expect(page.locator('[data-sonner-toast]').filter({ hasText: 'Start proxy: done' })).toBeVisible({
    timeout: 15_000,
  });
  await expect(row).toContainText('running');
  await expect(tasks.locator('li[data-task]').first()).toContainText('Start proxy');
});

test('“Console in Terminal” opens the container console in a Terminal tab that reattaches after a reload', async () => {
  const probe = () =>
    page.evaluate(() => {
      const pane = window.__archnestTerminals?.[0];
      return pane ? { status: pane.status, sessionId: pane.sessionId, text: pane.serialize() } : null;
    });
  const row = table('e2e-pve-tabs').locator('[role="row"][data-member="lxc/200"]');
  await row.getByRole('button', { name: 'Actions for dns' }).click();
  await page.getByRole('menuitem', { name: 'Console in Terminal' }).click();
  await expect(page).toHaveURL(/\/terminal$/);
  await expect(page.getByRole('tab', { name: /dns \(lxc\/200\)/ })).toHaveAttribute('aria-selected', 'true');
  await expect.poll(async () => (await probe())?.status, { timeout: 20_000 }).toBe('live');
  const sessionId = (await probe())?.sessionId;
  expect(sessionId).toBeTruthy();
  await page.getByRole('region', { name: 'Pane 1' }).locator('.xterm').click();
  await page.keyboard.type('echo in-a-tab');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await probe())?.text, { timeout: 15_000 }).toMatch(/in-a-tab\s+root@200/);

  // A reload reattaches the same console session and replays what it showed.
  await page.reload();
  await expect.poll(async () => (await probe())?.status, { timeout: 20_000 }).toBe('live');
  expect((await probe())?.sessionId).toBe(sessionId);
  await expect.poll(async () => (await probe())?.text).toContain('in-a-tab');
  await page.getByRole('region', { name: 'Pane 1' }).locator('.xterm').click();
  await page.keyboard.type('echo after-reload');
  await page.keyboard.press('Enter');
  await expect
    .poll(async () => (await probe())?.text, { timeout: 15_000 })
    .toMatch(/after-reload\s+root@200/);

  // Closing the pane ends the console; the opening is in the audit trail.
  await page.getByRole('button', { name: 'Close Pane 1' }).click();
  const audit = await page.request.get('/api/admin/audit?action=guest.console');
  const entries = ((await audit.json()) as { entries: { targetId: string; detail: { result: string } }[] })
    .entries;
  expect(entries[0]).toMatchObject({ targetId: `${ids.pve}/pve1/lxc/200`, detail: { result: 'ok' } });
  await page.goto(`/infrastructure?view=integration%3A${ids.pve}`);
  await expect(count()).toHaveAttribute('data-member-count', '7', { timeout: 20_000 });
});

test('an EC2 tab has its own columns and a region filter', async () => {
  await strip().getByRole('tab', { name: 'e2e-aws-tabs' }).click();
  await expect(page).toHaveURL(new RegExp(`view=integration%3A${ids.aws}$`));
  await expect(count()).toHaveAttribute('data-member-count', '8', { timeout: 20_000 });
  const aws = table('e2e-aws-tabs');
  for (const column of ['Instance type', 'Region', 'Private IP', 'Public IP'])
    await expect(aws.getByRole('columnheader', { name: column, exact: true })).toBeVisible();
  await expect(aws.getByRole('columnheader', { name: 'Node', exact: true })).toHaveCount(0);
  await page.getByRole('combobox', { name: 'Filter by region' }).selectOption('us-east-1');
  await expect(count()).toHaveAttribute('data-member-count', '3');
  await expect
    .poll(() => aws.locator('[role="row"][data-member] [data-column="region"]').allTextContents())
    .toEqual(['us-east-1', 'us-east-1', 'us-east-1']);
  expect(await horizontalOverflow(page)).toEqual([]);
  // Overview is one click away and leaves the tab's state behind.
  await strip().getByRole('tab', { name: 'Overview' }).click();
  await expect(page).toHaveURL(/\/infrastructure$/);
  await expect(page.getByRole('region', { name: 'Node status' })).toBeVisible();
});

test('at 390×844 the tabs wrap, the table keeps what fits and the page never scrolls sideways', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/infrastructure?view=integration%3A${ids.pve}&status=ok`);
  await expect(count()).toHaveAttribute('data-member-count', '4', { timeout: 20_000 });
  for (const tab of await strip().getByRole('tab').all()) await expect(tab).toBeInViewport();
  const pve = table('e2e-pve-tabs');
  await expect(pve.getByRole('columnheader', { name: 'Name', exact: true })).toBeVisible();
  await expect(pve.getByRole('columnheader', { name: 'Status', exact: true })).toBeVisible();
  await expect(pve.getByRole('columnheader', { name: 'Uptime', exact: true })).toHaveCount(0);
  expect(await horizontalOverflow(page)).toEqual([]);
  await page.getByRole('searchbox', { name: 'Search members' }).fill('mail');
  await expect(count()).toHaveAttribute('data-member-count', '1');
  expect(await horizontalOverflow(page)).toEqual([]);
  await page.setViewportSize({ width: 1440, height: 900 });
});
