import { expect, test, type Locator, type Page } from '@playwright/test';
import { signIn, signInAsFirstAdmin } from './helpers';

test.describe.configure({ mode: 'serial' });

// The app exposes this only when navigator.webdriver is true (web/src/features/terminal/test-hook.ts).
declare global {
  interface Window {
    __archnestConsoles?: { status: string; serialize: () => string }[];
  }
}

/** Prepared by the global setup: a private dockerd with one running and one stopped container. */
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

const dockerHostName = 'e2e-dockerd';
let page: Page;

function containerRow(name: string): Locator {
  return page
    .getByRole('table', { name: 'Containers' })
    .locator(`tr[data-container="${name}"][data-host="${dockerHostName}"]`);
}

async function act(name: string, action: string): Promise<void> {
  await containerRow(name)
    .getByRole('button', { name: `Actions for ${name}` })
    .click();
  await page.getByRole('menuitem', { name: action }).click();
}

function consoleText(): Promise<string> {
  return page.evaluate(() => window.__archnestConsoles?.[0]?.serialize() ?? '');
}

test.beforeAll(async ({ browser, baseURL }) => {
  const docker = dockerTarget();
  page = await browser.newPage();
  await signInAsFirstAdmin(page, baseURL);
  // A reused data dir may hold this host from an earlier run.
  for (const host of await (await page.request.get('/api/docker/hosts')).json()) {
    if (host.name === dockerHostName || host.endpoint === docker.endpoint)
      await page.request.delete(`/api/docker/hosts/${host.id}`, { headers: { Origin: baseURL ?? '' } });
  }
  // "Show stopped" is a saved preference: start from its default.
  await page.request.patch('/api/preferences', {
    data: { containers: { showStopped: false } },
    headers: { Origin: baseURL ?? '' },
  });
});

test.afterAll(async () => {
  await page.close();
});

test('admin adds a Docker host in Settings and Test reaches the daemon', async () => {
  const docker = dockerTarget();
  await page.goto('/settings?tab=docker');
  await expect(page.getByRole('heading', { name: 'Docker hosts', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Add Docker host' }).click();

  const dialog = page.getByRole('dialog', { name: 'Add Docker host' });
  await dialog.getByLabel('Name', { exact: true }).fill(dockerHostName);
  await expect(dialog.getByLabel('Kind')).toHaveValue('engine-api');
  await dialog.getByLabel('Endpoint').fill('http://not-an-endpoint');
  await dialog.getByRole('button', { name: 'Add Docker host' }).click();
  await expect(dialog.getByText('Use unix:///var/run/docker.sock or tcp://host:2376.')).toBeVisible();
  await dialog.getByLabel('Endpoint').fill(docker.endpoint);
  await dialog.getByRole('button', { name: 'Add Docker host' }).click();
  await expect(dialog).toBeHidden();

  const table = page.getByRole('table', { name: 'Docker hosts' });
  await expect(table).toContainText(dockerHostName);
  await expect(table).toContainText(docker.endpoint);
  await expect(table).toContainText('Engine API');
  await page.getByRole('button', { name: `Test ${dockerHostName}` }).click();
  await expect(table.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible({ timeout: 20_000 });
});

test('the Containers page lists running and stopped containers, and stop/start work', async () => {
  const docker = dockerTarget();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Containers' }).click();
  await expect(page).toHaveURL(/\/containers$/);
  await expect(page.getByRole('heading', { name: 'Containers', level: 1 })).toBeVisible();
  await page.getByRole('combobox', { name: 'Filter by host' }).selectOption({ label: dockerHostName });

  await expect(containerRow(docker.runningContainer)).toContainText('running', { timeout: 20_000 });
  await expect(containerRow(docker.stoppedContainer)).toHaveCount(0);
  await page.getByLabel('Show stopped').click();
  await expect(containerRow(docker.stoppedContainer)).toBeVisible();
  await expect(containerRow(docker.stoppedContainer)).toContainText('created');
  await expect(page.getByText(/updated \d+ s ago/)).toBeVisible();

  await page.getByLabel('Search containers').fill('stopped');
  await expect(containerRow(docker.runningContainer)).toHaveCount(0);
  await page.getByLabel('Search containers').fill('');

  await act(docker.runningContainer, 'Stop');
  await expect(page.getByText(`${docker.runningContainer} stopped`)).toBeVisible({ timeout: 20_000 });
  await expect(containerRow(docker.runningContainer)).toContainText('exited');
  await act(docker.runningContainer, 'Start');
  await expect(page.getByText(`${docker.runningContainer} started`)).toBeVisible({ timeout: 20_000 });
  await expect(containerRow(docker.runningContainer)).toContainText('running');
});

test('a detail tab shows masked env and the log, and the console runs a command', async () => {
  const docker = dockerTarget();
  const name = docker.runningContainer;
  await containerRow(name).getByRole('link', { name, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/containers/docker%3A[0-9a-f-]+/${name}$`));
  await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();

  const env = page.getByRole('region', { name: 'Environment' });
  await expect(env).toContainText('API_TOKEN');
  await expect(env).toContainText('***');
  await expect(env).toContainText('MODE');
  await expect(env).toContainText('demo');
  expect(await page.content()).not.toContain('e2e-secret-token');

  await page.getByRole('tab', { name: 'Logs' }).click();
  const log = page.getByRole('log', { name: 'Container log' });
  await expect(log).toContainText('tick', { timeout: 15_000 });
  await page.getByLabel('Follow').click();
  await expect(page.getByText('following')).toBeVisible();
  await expect(log).toContainText('tick');

  await page.getByRole('tab', { name: 'Console' }).click();
  // A shell the image does not carry (busybox has only sh): a plain message instead of a terminal.
  await page.getByRole('combobox', { name: 'Shell' }).selectOption('bash');
  await page.getByRole('button', { name: 'Open console' }).click();
  const pane = page.getByRole('region', { name: 'Console' });
  await expect(pane.getByRole('alert')).toContainText(`bash is not installed in Container ${name}`, {
    timeout: 20_000,
  });
  await pane.getByRole('button', { name: 'Close Console' }).click();
  await page.getByRole('combobox', { name: 'Shell' }).selectOption('sh');
  await page.getByRole('button', { name: 'Open console' }).click();
  await expect(pane.getByLabel('Status: live')).toBeVisible({ timeout: 20_000 });
  await pane.locator('.xterm').click();
  await page.keyboard.type('echo hello-$((6*7))');
  await page.keyboard.press('Enter');
  await expect.poll(consoleText, { timeout: 15_000 }).toContain('hello-42');

  // Closing the pane ends the shell; "All containers" returns to the list.
  await pane.getByRole('button', { name: 'Close Console' }).click();
  await expect(page.getByRole('button', { name: 'Open console' })).toBeVisible();
  await expect.poll(() => page.evaluate(() => window.__archnestConsoles?.length ?? 0)).toBe(0);
  await page.getByRole('link', { name: 'All containers' }).click();
  await expect(page.getByRole('table', { name: 'Containers' })).toBeVisible();
});

test('the console of a stopped container says it is not running and offers to start it', async () => {
  const name = dockerTarget().runningContainer;
  await act(name, 'Stop');
  await expect(containerRow(name)).toContainText('exited', { timeout: 20_000 });
  await containerRow(name).getByRole('link', { name, exact: true }).click();
  await page.getByRole('tab', { name: 'Console' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${name} is not running` })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open console' })).toHaveCount(0);
  expect(await page.locator('main').innerText()).not.toMatch(/[0-9a-f]{64}/);
  await page.getByRole('button', { name: 'Start container' }).click();
  await expect(page.getByText(`${name} started`)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Open console' })).toBeEnabled({ timeout: 20_000 });
  await page.getByRole('link', { name: 'All containers' }).click();
  await expect(containerRow(name)).toContainText('running');
});

test('a member sees the containers and their logs but no actions and no console', async ({
  browser,
  baseURL,
}) => {
  const docker = dockerTarget();
  const member = { username: `viewer-${Date.now() % 100_000}`, password: 'quiet-harbor-label-58' };
  const created = await page.request.post('/api/users', {
    data: { ...member, role: 'member' },
    headers: { Origin: baseURL ?? '' },
  });
  expect(created.status()).toBe(201);

  const context = await browser.newContext();
  const memberPage = await context.newPage();
  try {
    await signIn(memberPage, member);
    await memberPage.goto('/containers');
    await memberPage
      .getByRole('combobox', { name: 'Filter by host' })
      .selectOption({ label: dockerHostName });
    const table = memberPage.getByRole('table', { name: 'Containers' });
    await expect(table).toContainText(docker.runningContainer, { timeout: 20_000 });
    await expect(memberPage.getByRole('button', { name: /^Actions for / })).toHaveCount(0);

    await expect(memberPage.getByRole('checkbox')).toHaveCount(0);
    await table
      .locator(`tr[data-host="${dockerHostName}"]`)
      .getByRole('link', { name: docker.runningContainer, exact: true })
      .click();
    await expect(memberPage.getByRole('region', { name: 'Environment' })).toContainText('***');
    await expect(memberPage.getByRole('tab', { name: 'Console' })).toHaveCount(0);
    await memberPage.getByRole('tab', { name: 'Logs' }).click();
    await expect(memberPage.getByRole('log', { name: 'Container log' })).toContainText('tick');
  } finally {
    await context.close();
    const users = (await (await page.request.get('/api/users')).json()) as { id: string; username: string }[];
    const user = users.find((item) => item.username === member.username);
    if (user) await page.request.delete(`/api/users/${user.id}`, { headers: { Origin: baseURL ?? '' } });
  }
});
