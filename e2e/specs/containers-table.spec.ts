import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { signInAsFirstAdmin } from './helpers';

test.describe.configure({ mode: 'serial' });

interface DockerTarget {
  endpoint: string;
  runningContainer: string;
  stoppedContainer: string;
}

function dockerTarget(): DockerTarget {
  const raw = process.env.ARCHNEST_E2E_DOCKER;
  if (!raw) throw new Error('ARCHNEST_E2E_DOCKER is not set: the global setup must start dockerd first');
  return JSON.parse(raw) as DockerTarget;
}

/** Two more running containers for bulk actions, removed again so other specs see the usual two. */
const BULK = ['e2e-bulk-1', 'e2e-bulk-2'];
const HOST = 'table-dockerd';
const DOWN = 'table-down';
let page: Page;
let hostId = '';

function docker(...args: string[]): string {
  // stderr stays quiet: removing a container that is not there is expected on a first run.
  return execFileSync('docker', ['-H', dockerTarget().endpoint, ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
}

function row(name: string, host = HOST): Locator {
  return page
    .getByRole('table', { name: 'Containers' })
    .locator(`tr[data-container="${name}"][data-host="${host}"]`);
}

test.beforeAll(async ({ browser, baseURL }) => {
  const origin = { Origin: baseURL ?? '' };
  for (const name of BULK) {
    docker('rm', '-f', name);
    docker(
      'run',
      '-d',
      '--name',
      name,
      '--network',
      'none',
      '--stop-timeout',
      '1',
      'archnest-busybox:test',
      'sh',
      '-c',
      'while true; do echo bulk-tick; sleep 1; done',
    );
  }
  page = await browser.newPage();
  await signInAsFirstAdmin(page, baseURL);
  for (const host of (await (await page.request.get('/api/docker/hosts')).json()) as {
    id: string;
    name: string;
  }[]) {
    if (host.name === HOST || host.name === DOWN)
      await page.request.delete(`/api/docker/hosts/${host.id}`, { headers: origin });
  }
  const add = async (name: string, endpoint: string) => {
    const response = await page.request.post('/api/docker/hosts', {
      data: { kind: 'engine-api', name, endpoint },
      headers: origin,
    });
    expect(response.status()).toBe(201);
    return ((await response.json()) as { id: string }).id;
  };
  hostId = await add(HOST, dockerTarget().endpoint);
  await add(DOWN, `${dockerTarget().endpoint}.gone`);
  // Start from the default: stopped containers hidden.
  await page.request.patch('/api/preferences', {
    data: { containers: { showStopped: false } },
    headers: origin,
  });
});

test.afterAll(async ({ baseURL }) => {
  for (const host of (await (await page.request.get('/api/docker/hosts')).json()) as {
    id: string;
    name: string;
  }[]) {
    if (host.name === HOST || host.name === DOWN)
      await page.request.delete(`/api/docker/hosts/${host.id}`, { headers: { Origin: baseURL ?? '' } });
  }
  for (const name of BULK) docker('rm', '-f', name);
  await page.request.patch('/api/preferences', {
    data: { containers: { showStopped: false } },
    headers: { Origin: baseURL ?? '' },
  });
  await page.close();
});

test('one table across hosts: a host column, filters, and a down host as its own error', async () => {
  const docker = dockerTarget();
  await page.goto('/containers');
  await expect(row(docker.runningContainer)).toContainText('running', { timeout: 20_000 });
  await expect(row(docker.runningContainer)).toContainText(HOST);
  for (const name of BULK) await expect(row(name)).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: `${DOWN} did not answer` })).toBeVisible();
  // CPU and memory for Engine API containers: memory at once, CPU from the next refresh.
  await expect(row(docker.runningContainer)).toContainText(/\d+(\.\d)? (B|KiB|MiB)/);
  await expect(row(docker.runningContainer)).toContainText(/\d+\.\d %/, { timeout: 20_000 });

  await page.getByRole('combobox', { name: 'Filter by host' }).selectOption({ label: DOWN });
  await expect(page.getByRole('table', { name: 'Containers' })).toHaveCount(0);
  await expect(page.getByText('No containers')).toBeVisible();
  await page.getByRole('combobox', { name: 'Filter by host' }).selectOption({ label: HOST });
  await expect(row(BULK[0]!)).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: `${DOWN} did not answer` })).toHaveCount(0);

  await page.getByLabel('Search containers').fill('bulk-2');
  await expect(row(BULK[1]!)).toBeVisible();
  await expect(row(BULK[0]!)).toHaveCount(0);
  await page.getByLabel('Search containers').fill('');
  await page.getByRole('combobox', { name: 'Filter by host' }).selectOption({ label: 'All hosts' });
});

test('"Show stopped" is kept in the user’s preferences across a reload', async () => {
  const docker = dockerTarget();
  await expect(row(docker.stoppedContainer)).toHaveCount(0);
  const saved = page.waitForResponse(
    (r) => r.url().endsWith('/api/preferences') && r.request().method() === 'PATCH',
  );
  await page.getByLabel('Show stopped').click();
  expect((await saved).status()).toBe(200);
  await expect(row(docker.stoppedContainer)).toContainText('created');
  await page.reload();
  await expect(page.getByLabel('Show stopped')).toBeChecked();
  await expect(row(docker.stoppedContainer)).toContainText('created', { timeout: 20_000 });
  await page.getByRole('combobox', { name: 'Filter by state' }).selectOption('created');
  await expect(row(docker.runningContainer)).toHaveCount(0);
  await expect(row(docker.stoppedContainer)).toBeVisible();
  await page.getByRole('combobox', { name: 'Filter by state' }).selectOption({ label: 'Any state' });
});

test('bulk stop and start of selected rows, with a result per container', async () => {
  for (const name of BULK)
    await row(name)
      .getByRole('checkbox', { name: `Select ${name} on ${HOST}` })
      .check();
  await expect(page.getByText('2 selected')).toBeVisible();
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  const results = page.getByRole('status', { name: 'Bulk action results' });
  await expect(results).toContainText('stop: 2 of 2 done', { timeout: 30_000 });
  for (const name of BULK) {
    await expect(results.locator(`[data-result="${name}"]`)).toContainText('done');
    await expect(row(name)).toContainText('exited', { timeout: 20_000 });
  }
  for (const name of BULK)
    await row(name)
      .getByRole('checkbox', { name: `Select ${name} on ${HOST}` })
      .check();
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(results).toContainText('start: 2 of 2 done', { timeout: 30_000 });
  for (const name of BULK) await expect(row(name)).toContainText('running', { timeout: 20_000 });
});

test('each container has its own address that survives a reload; an unknown one is not found', async () => {
  const name = BULK[0]!;
  await row(name).getByRole('link', { name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/containers/docker%3A${hostId}/${name}$`));
  await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('tab', { name: 'Overview' })).toBeVisible();

  await page.goto(`/containers/docker:${hostId}/no-such-container`);
  await expect(page.getByText('Container not found')).toBeVisible({ timeout: 20_000 });
  await page.goto('/containers/docker:not-a-host/whatever');
  await expect(page.getByText('Container not found')).toBeVisible();
  await page.goto('/containers/bogus/whatever');
  await expect(page.getByText('Container not found')).toBeVisible();
  await page.getByRole('link', { name: 'All containers' }).click();
  await expect(page).toHaveURL(/\/containers$/);
});

test('the log downloads as a file with a safe name and the chosen tail', async () => {
  const name = BULK[1]!;
  await page.goto(`/containers/docker:${hostId}/${name}`);
  await page.getByRole('tab', { name: 'Logs' }).click();
  await expect(page.getByRole('log', { name: 'Container log' })).toContainText('bulk-tick', {
    timeout: 15_000,
  });
  await page.getByLabel('With timestamps').uncheck();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Download log' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${HOST}-${name}-\\d{8}T\\d{6}Z\\.log$`));
  const text = fs.readFileSync(await download.path(), 'utf8');
  const lines = text.trimEnd().split('\n');
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(line).toBe('bulk-tick');
});
