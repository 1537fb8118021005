import { expect, test, type Locator, type Page } from '@playwright/test';
import { signInAsFirstAdmin } from './helpers';

test.describe.configure({ mode: 'serial' });

/** Prepared by the global setup: loopback fakes of Proxmox VE (self-signed HTTPS) and EC2. */
interface InfraTargets {
  proxmox: { url: string; fingerprint: string; tokenId: string; tokenSecret: string };
  ec2: { endpoint: string; accessKeyId: string; secretAccessKey: string; regions: string[] };
}

function targets(): InfraTargets {
  const raw = process.env.ARCHNEST_E2E_INFRA;
  if (!raw) throw new Error('ARCHNEST_E2E_INFRA is not set: the global setup must start the fakes first');
  return JSON.parse(raw) as InfraTargets;
}

const pveName = 'e2e-pve';
const ec2Name = 'e2e-ec2';
let page: Page;

test.beforeAll(async ({ browser, baseURL }) => {
  page = await browser.newPage();
  await signInAsFirstAdmin(page, baseURL);
  // Integrations belong to this spec: a reused data dir starts without any, as a fresh one does.
  for (const integration of await (await page.request.get('/api/integrations')).json()) {
    await page.request.delete(`/api/integrations/${integration.id}`, {
      headers: { Origin: baseURL ?? '' },
    });
  }
});

test.afterAll(async () => {
  await page.close();
});

async function openAddDialog(): Promise<Locator> {
  await expect(page.getByRole('heading', { name: 'Integrations', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Add integration' }).click();
  return page.getByRole('dialog', { name: 'Add integration' });
}

test('admin adds Proxmox; Test shows the untrusted certificate, pinning it makes the test pass', async () => {
  const { proxmox } = targets();
  // Without integrations the page says where to add one, and the link goes there.
  await page.goto('/infrastructure');
  await expect(page.getByText('No integrations yet — add one in')).toBeVisible();
  await page.getByRole('link', { name: 'Settings > Integrations' }).click();
  await expect(page.getByRole('tab', { name: 'Integrations' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByText('No integrations yet', { exact: true })).toBeVisible();
  const dialog = await openAddDialog();
  await expect(dialog.getByLabel('Kind')).toHaveValue('proxmox');
  await dialog.getByLabel('Name', { exact: true }).fill(pveName);
  await dialog.getByLabel('URL').fill(proxmox.url);
  await dialog.getByLabel('API token id').fill('not-a-token-id');
  await dialog.getByLabel('API token secret').fill(proxmox.tokenSecret);
  await dialog.getByRole('button', { name: 'Add integration' }).click();
  // The contract's own rule answers in the form before anything is sent.
  await expect(dialog.getByText('Use the form user@realm!tokenid')).toBeVisible();
  await dialog.getByLabel('API token id').fill(proxmox.tokenId);
  await dialog.getByRole('button', { name: 'Add integration' }).click();
  await expect(dialog).toBeHidden();

  // Adding opens the first test: the fake's self-signed certificate is not trusted yet.
  const test = page.getByRole('dialog', { name: `Test ${pveName}` });
  await expect(test.getByText('Connection failed')).toBeVisible({ timeout: 20_000 });
  await expect(test.getByText('tls_untrusted')).toBeVisible();
  const certificate = test
    .getByRole('definition')
    .filter({ has: page.getByLabel('Certificate SHA-256 fingerprint') });
  await expect(certificate).toHaveText(proxmox.fingerprint);
  await expect(test.getByText('(self-signed)')).toBeVisible();

  await test.getByRole('button', { name: 'Pin this certificate' }).click();
  await expect(test.getByText('Connected', { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(test.getByRole('button', { name: 'Pin this certificate' })).toHaveCount(0);
  await test.getByRole('button', { name: 'Close', exact: true }).first().click();

  const row = page.locator(`tr[data-integration="${pveName}"]`);
  await expect(row.getByTitle(proxmox.fingerprint)).toHaveText('pinned');
  // The saved secret is only flagged, never sent back.
  await row.getByRole('button', { name: `Actions for ${pveName}` }).click();
  await page.getByRole('menuitem', { name: 'Edit…' }).click();
  const edit = page.getByRole('dialog', { name: `Edit ${pveName}` });
  await expect(edit.getByRole('textbox', { name: 'API token secret' })).toHaveValue('');
  await expect(edit.getByRole('textbox', { name: 'API token secret' })).toHaveAttribute('placeholder', /set/);
  await expect(edit.getByLabel('Pinned SHA-256 fingerprint')).toHaveValue(proxmox.fingerprint);
  await edit.getByRole('button', { name: 'Cancel' }).click();
});

test('admin adds EC2 with an endpoint override and its test passes', async () => {
  const { ec2 } = targets();
  await page.goto('/settings?tab=integrations');
  const dialog = await openAddDialog();
  await dialog.getByLabel('Kind').selectOption({ label: 'AWS EC2' });
  await dialog.getByLabel('Name', { exact: true }).fill(ec2Name);
  await dialog.getByLabel('Regions').fill(ec2.regions.join(', '));
  await expect(dialog.getByLabel('Credentials')).toHaveValue('keys');
  await dialog.getByLabel('Access key id').fill(ec2.accessKeyId);
  await dialog.getByLabel('Secret access key').fill(ec2.secretAccessKey);
  await dialog.getByLabel('Endpoint (optional)').fill(ec2.endpoint);
  await dialog.getByRole('button', { name: 'Add integration' }).click();
  await expect(dialog).toBeHidden();

  const test = page.getByRole('dialog', { name: `Test ${ec2Name}` });
  await expect(test.getByText('Connected', { exact: true })).toBeVisible({ timeout: 20_000 });
  await test.getByRole('button', { name: 'Close', exact: true }).first().click();
  await expect(page.locator(`tr[data-integration="${ec2Name}"]`)).toContainText(ec2.endpoint);
});

test('Infrastructure shows node tiles and an EC2 tile; a node lists its LXC container', async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Infrastructure' }).click();
  await expect(page.getByRole('heading', { name: 'Infrastructure', level: 1 })).toBeVisible();
  await expect(page.getByRole('tab', { name: /Network/ })).toBeDisabled();
  await expect(page.getByText('One tile per node: Proxmox VE.')).toBeVisible();

  const grid = page.getByRole('region', { name: 'Node status' });
  const pve1 = grid.getByRole('article', { name: 'pve1' });
  // Polling starts when an integration is saved; the page refetches every few seconds.
  await expect(pve1).toBeVisible({ timeout: 30_000 });
  await expect(grid.getByRole('article', { name: 'pve2' })).toBeVisible();
  await expect(grid.getByRole('article', { name: 'pve3' })).toBeVisible();
  const ec2Tile = grid.getByRole('article', { name: ec2Name });
  await expect(ec2Tile).toBeVisible({ timeout: 30_000 });
  await expect(ec2Tile).toContainText(/\d+ of \d+ running/);
  await expect(pve1).toContainText(/polled/);
  // The agent host from agent.spec.ts is a source of its own; an agent cannot be asked, so no refresh.
  const agentTile = grid.getByRole('article', { name: 'e2e-agent-host' });
  await expect(agentTile).toBeVisible({ timeout: 30_000 });
  await expect(agentTile).toContainText(/\d+ of \d+ running/);
  await expect(agentTile.getByRole('button', { name: /^Refresh/ })).toHaveCount(0);
  // A manual refresh polls the source now and says so.
  await ec2Tile.getByRole('button', { name: `Refresh ${ec2Name}` }).click();
  await expect(page.getByText(`${ec2Name} refreshed`)).toBeVisible();

  // Keyboard: the tile is focusable and Enter opens its Node Detail card.
  const open = pve1.getByRole('button', { name: /^Open pve1/ });
  await open.focus();
  await page.keyboard.press('Enter');
  const card = page.getByRole('region', { name: /Node detail · pve1/ });
  await expect(card).toBeVisible();
  const members = card.getByRole('table', { name: 'Members of pve1' });
  await expect(members.getByRole('row', { name: /web/ })).toBeVisible();

  await card.getByLabel('Search members').fill('dns');
  await expect(card.getByText(/^Showing 1 of \d+ members$/)).toBeVisible();
  const dnsRow = members.locator('[role="row"][data-member]');
  await expect(dnsRow).toHaveCount(1);
  await expect(dnsRow).toContainText('dns');
  await expect(dnsRow.getByRole('cell').nth(1)).toHaveText('LXC');
  // Tags are searched too: only the container carries "infra".
  await card.getByLabel('Search members').fill('infra');
  await expect(dnsRow).toHaveCount(1);
  await expect(dnsRow).toContainText('dns');

  await page.keyboard.press('Escape');
  await expect(card).toBeHidden();
  await expect(open).toBeFocused();
});
