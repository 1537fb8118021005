import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  BUSYBOX_PATH,
  busyboxImage,
  runContainer,
  startDockerd,
  startRegistry,
  type DockerdServer,
  type RegistryServer,
} from '@archnest/test-support';
import { signInAsFirstAdmin } from './helpers';

test.describe.configure({ mode: 'serial' });

/*
 * Images, volumes and networks in Chromium, against a dockerd of this spec's own and a real registry
 * on loopback (the machine reaches no public registry): pull with live progress, remove, prune with
 * its preview, and the volume and network lists.
 */
const hostName = 'e2e-objects';
let page: Page;
let dockerd: DockerdServer;
let registry: RegistryServer;
let pushed: string;
let dangling: string[];

/** An image with an id of its own: busybox plus a marker file. Untagged when no tag is given. */
function uniqueImage(marker: string, tag?: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-e2e-objects-'));
  try {
    fs.mkdirSync(path.join(root, 'bin'));
    fs.copyFileSync(BUSYBOX_PATH, path.join(root, 'bin', 'busybox'));
    fs.chmodSync(path.join(root, 'bin', 'busybox'), 0o755);
    fs.symlinkSync('busybox', path.join(root, 'bin', 'sh'));
    fs.writeFileSync(path.join(root, 'marker'), marker);
    const tar = execFileSync('tar', ['-C', root, '-cf', '-', '.'], { maxBuffer: 64 * 1024 * 1024 });
    return dockerd.docker(['import', '-', ...(tag ? [tag] : [])], tar).trim();
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

function row(kind: 'image' | 'volume' | 'network', name: string): Locator {
  const table = { image: 'Images', volume: 'Volumes', network: 'Networks' }[kind];
  return page.getByRole('table', { name: table }).locator(`tr[data-${kind}="${name}"]`);
}

async function openTab(name: 'Containers' | 'Images' | 'Volumes' | 'Networks'): Promise<void> {
  await page.getByRole('navigation', { name: 'Docker' }).getByRole('link', { name, exact: true }).click();
  // Containers is one table across hosts with a host filter; the other pages show one host at a time.
  const picker =
    name === 'Containers'
      ? page.getByRole('combobox', { name: 'Filter by host' })
      : page.getByRole('combobox', { name: /^Docker host/ });
  await expect(picker).toBeVisible();
  await picker.selectOption({ label: hostName });
}

test.beforeAll(async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  page = await browser.newPage();
  await signInAsFirstAdmin(page, baseURL);
  dockerd = await startDockerd();
  registry = await startRegistry();
  const busybox = busyboxImage(dockerd.socketPath);
  runContainer(dockerd, { name: 'objects-web', image: busybox, stopTimeout: 1 });
  pushed = registry.push(dockerd, uniqueImage('pulled', 'e2e-to-push:1'), 'e2e/pulled:1');
  dockerd.docker(['rmi', 'e2e-to-push:1']);
  dangling = [uniqueImage('dangling-1'), uniqueImage('dangling-2')];
  dockerd.docker(['volume', 'create', 'e2e-data']);
  dockerd.docker(['volume', 'create', 'e2e-spare']);
  dockerd.docker(['create', '--name', 'objects-db', '-v', 'e2e-data:/data', busybox, 'true']);
  dockerd.docker(['network', 'create', '--internal', 'e2e-backend']);

  const origin = { Origin: baseURL ?? '' };
  for (const host of await (await page.request.get('/api/docker/hosts')).json())
    if (host.name === hostName)
      await page.request.delete(`/api/docker/hosts/${host.id}`, { headers: origin });
  const created = await page.request.post('/api/docker/hosts', {
    headers: origin,
    data: { kind: 'engine-api', name: hostName, endpoint: dockerd.dockerHost },
  });
  expect(created.status()).toBe(201);
});

test.afterAll(async () => {
  await page?.close();
  await registry?.stop();
  await dockerd?.stop();
});

test('pulls an image by reference and shows its progress live, layer by layer', async () => {
  await page.goto('/containers');
  await openTab('Images');
  await expect(page).toHaveURL(/\/containers\/images$/);
  await expect(row('image', 'archnest-busybox:test')).toContainText('objects-web');

  await page.getByRole('button', { name: 'Pull image…' }).click();
  const dialog = page.getByRole('dialog', { name: `Pull an image to ${hostName}` });
  await dialog.getByLabel('Image reference').fill('Not A Reference');
  await dialog.getByRole('button', { name: 'Pull', exact: true }).click();
  await expect(dialog.getByText('Not an image reference')).toBeVisible();

  await dialog.getByLabel('Image reference').fill(pushed);
  await dialog.getByRole('button', { name: 'Pull', exact: true }).click();
  await expect(dialog.locator('[data-pull-phase="done"]')).toHaveText(`Pulled ${pushed}.`, {
    timeout: 30_000,
  });
  // The layer's own line, as the daemon last reported it, and the daemon's closing status.
  await expect(dialog.getByRole('list', { name: 'Layers' }).locator('li')).toContainText(['Pull complete']);
  await expect(dialog.getByRole('list', { name: 'Pull messages' })).toContainText(
    `Status: Downloaded newer image for ${pushed}`,
  );
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(row('image', pushed)).toBeVisible();
});

test('a failed pull shows the daemon’s reason in plain words', async () => {
  await page.getByRole('button', { name: 'Pull image…' }).click();
  const dialog = page.getByRole('dialog', { name: `Pull an image to ${hostName}` });
  const missing = `${registry.address}/e2e/never-pushed:1`;
  await dialog.getByLabel('Image reference').fill(missing);
  await dialog.getByRole('button', { name: 'Pull', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText(`Pulling ${missing} on ${hostName} failed:`);
  await expect(dialog.locator('[data-pull-phase="failed"]')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('removes an image, and says which container holds one in use', async () => {
  await row('image', 'archnest-busybox:test')
    .getByRole('button', { name: 'Remove archnest-busybox:test' })
    .click();
  let confirm = page.getByRole('dialog', { name: 'Remove image archnest-busybox:test?' });
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await expect(confirm.getByRole('alert')).toContainText(
    'Image archnest-busybox:test on e2e-objects is in use by container',
  );
  await expect(confirm.getByRole('alert')).toContainText('objects-web (running)');
  await confirm.getByRole('button', { name: 'Cancel' }).click();

  await row('image', pushed)
    .getByRole('button', { name: `Remove ${pushed}` })
    .click();
  confirm = page.getByRole('dialog', { name: `Remove image ${pushed}?` });
  await confirm.getByRole('button', { name: 'Remove' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByText(`Removed image ${pushed} on ${hostName}`)).toBeVisible();
  await expect(row('image', pushed)).toHaveCount(0);
});

test('previews an image prune, then prunes exactly that', async () => {
  for (const id of dangling) await expect(row('image', shortId(id))).toContainText('dangling');
  await page.getByRole('button', { name: 'Prune…' }).click();
  const dialog = page.getByRole('dialog', { name: `Prune images on ${hostName}` });
  const preview = dialog.getByRole('list', { name: 'Would be removed' });
  await expect(preview.locator('li')).toHaveCount(2);
  for (const id of dangling) await expect(preview).toContainText(shortId(id));
  await expect(dialog.getByText('2 images would be removed')).toBeVisible();
  await dialog.getByRole('button', { name: 'Remove 2 images' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(new RegExp(`Removed 2 images on ${hostName}`))).toBeVisible();
  for (const id of dangling) await expect(row('image', shortId(id))).toHaveCount(0);

  await page.getByRole('button', { name: 'Prune…' }).click();
  await expect(dialog.getByTestId('prune-preview-empty')).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
});

test('lists volumes and networks with what uses them, and inspects one', async () => {
  await openTab('Volumes');
  await expect(page).toHaveURL(/\/containers\/volumes$/);
  await expect(row('volume', 'e2e-data')).toContainText('objects-db');
  await expect(row('volume', 'e2e-spare')).toContainText('unused');
  await row('volume', 'e2e-data').getByRole('button', { name: 'e2e-data', exact: true }).click();
  const detail = page.getByRole('dialog', { name: 'e2e-data' });
  await expect(detail.getByRole('list', { name: 'Used by' })).toContainText('objects-db (created)');
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Prune…' }).click();
  const prune = page.getByRole('dialog', { name: `Prune volumes on ${hostName}` });
  await expect(prune.getByRole('list', { name: 'Would be removed' }).locator('li')).toHaveText(['e2e-spare']);
  await prune.getByRole('button', { name: 'Cancel' }).click();

  await openTab('Networks');
  await expect(row('network', 'host')).toContainText('built in');
  await expect(row('network', 'none')).toContainText('objects-web');
  await expect(row('network', 'e2e-backend')).toContainText('internal');
  await row('network', 'e2e-backend').getByRole('button', { name: 'Remove e2e-backend' }).click();
  await page
    .getByRole('dialog', { name: 'Remove network e2e-backend?' })
    .getByRole('button', { name: 'Remove' })
    .click();
  await expect(row('network', 'e2e-backend')).toHaveCount(0);

  await openTab('Containers');
  await expect(page).toHaveURL(/\/containers$/);
  await expect(page.getByRole('combobox', { name: 'Filter by host' })).toHaveValue(/.+/);
});

test('the three pages fit a phone screen without sideways scrolling', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const [kind, table] of [
    ['images', 'Images'],
    ['volumes', 'Volumes'],
    ['networks', 'Networks'],
  ] as const) {
    await page.goto(`/containers/${kind}`);
    await expect(page.getByRole('table', { name: table })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, kind).toBeLessThanOrEqual(0);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
});
