import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { freePort } from '@archnest/test-support';
import { signInAsFirstAdmin } from './helpers';

test.describe.configure({ mode: 'serial' });

declare global {
  interface Window {
    __archnestConsoles?: { status: string; serialize: () => string }[];
  }
}

interface DockerTarget {
  endpoint: string;
  runningContainer: string;
}

function dockerTarget(): DockerTarget {
  const raw = process.env.ARCHNEST_E2E_DOCKER;
  if (!raw) throw new Error('ARCHNEST_E2E_DOCKER is not set: the global setup must start dockerd first');
  return JSON.parse(raw) as DockerTarget;
}

const hostName = `e2e-pull-${Date.now() % 100_000}`;
let page: Page;
let agent: ChildProcess | undefined;
let agentOutput = '';
let workDir = '';

function containerRow(name: string): Locator {
  return page
    .getByRole('table', { name: 'Containers' })
    .locator(`tr[data-container="${name}"][data-host="${hostName}"]`);
}

async function act(name: string, action: string): Promise<void> {
  await containerRow(name)
    .getByRole('button', { name: `Actions for ${name}` })
    .click();
  await page.getByRole('menuitem', { name: action }).click();
}

test.beforeAll(async ({ browser, baseURL }) => {
  page = await browser.newPage();
  await signInAsFirstAdmin(page, baseURL);
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-e2e-pull-'));
});

test.afterAll(async () => {
  // The shell of the shown command and the agent it started form one process group of our own.
  if (agent?.pid && agent.exitCode === null) process.kill(-agent.pid, 'SIGTERM');
  await page.close();
  fs.rmSync(workDir, { recursive: true, force: true });
});

test('admin enrols a pull agent by running the command the UI shows', async () => {
  const port = await freePort();
  await page.goto('/settings?tab=docker');
  await page.getByRole('button', { name: 'Add pull agent' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add pull agent' });
  await dialog.getByLabel('Name', { exact: true }).fill(hostName);
  await dialog.getByLabel('Agent address').fill('0.0.0.0:7443');
  await dialog.getByRole('button', { name: 'Create enrolment' }).click();
  await expect(dialog.getByText('Use the address the agent listens on, e.g. 10.0.0.5:7443.')).toBeVisible();
  await dialog.getByLabel('Agent address').fill(`127.0.0.1:${port}`);
  await dialog.getByRole('switch', { name: 'Allow exec' }).click();
  await dialog.getByRole('button', { name: 'Create enrolment' }).click();

  const command = (await dialog.locator('#copy-run-in-the-foreground').innerText()).trim();
  expect(command).toContain(`--listen 127.0.0.1:${port}`);
  expect(command).toContain('--allow-exec');
  await expect(dialog.locator('#copy-install-as-a-service')).toContainText('sudo ARCHNEST_ENROL_TOKEN=');

  // The host: a shell running exactly the shown command, with the test dockerd as its Docker.
  agent = spawn('sh', ['-c', command], {
    cwd: workDir,
    detached: true,
    env: {
      PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ''}`,
      DOCKER_HOST: dockerTarget().endpoint,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  agent.stdout?.on('data', (d: Buffer) => (agentOutput += d.toString()));
  agent.stderr?.on('data', (d: Buffer) => (agentOutput += d.toString()));
  await expect.poll(() => agentOutput, { timeout: 20_000 }).toContain('certificate fingerprint: SHA256:');
  const printed = /certificate fingerprint: (SHA256:\S+)/.exec(agentOutput)?.[1] ?? '';

  await dialog.getByRole('button', { name: 'Complete enrolment' }).click();
  const pins = dialog.getByRole('definition');
  await expect(pins.first()).toHaveText(printed, { timeout: 15_000 });
  await expect(dialog.getByText('Manage and exec')).toBeVisible();
  await dialog.getByRole('button', { name: 'Done' }).click();
  const table = page.getByRole('table', { name: 'Docker hosts' });
  await expect(table).toContainText(hostName);
  await expect(table).toContainText(`pull-agent://127.0.0.1:${port}`);
  await expect(table).toContainText('Pull agent');
});

test("the agent's containers show, stop and start work, and the console runs echo", async () => {
  const name = dockerTarget().runningContainer;
  await page.goto('/containers');
  await page.getByRole('combobox', { name: 'Filter by host' }).selectOption({ label: hostName });
  await expect(containerRow(name)).toContainText('running', { timeout: 20_000 });
  // The switch is a saved preference: another spec may have turned it on already.
  await page.getByLabel('Show stopped').setChecked(true);

  await act(name, 'Stop');
  await expect(page.getByText(`${name} stopped`)).toBeVisible({ timeout: 20_000 });
  await expect(containerRow(name)).toContainText('exited');
  await act(name, 'Start');
  await expect(page.getByText(`${name} started`)).toBeVisible({ timeout: 20_000 });
  await expect(containerRow(name)).toContainText('running');

  await containerRow(name).getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('region', { name: 'Environment' })).toContainText('***');
  expect(await page.content()).not.toContain('e2e-secret-token');
  await page.getByRole('tab', { name: 'Console' }).click();
  await page.getByRole('button', { name: 'Open console' }).click();
  const pane = page.getByRole('region', { name: 'Console' });
  await expect(pane.getByLabel('Status: live')).toBeVisible({ timeout: 20_000 });
  await pane.locator('.xterm').click();
  await page.keyboard.type('echo pull-$((6*7))');
  await page.keyboard.press('Enter');
  await expect
    .poll(() => page.evaluate(() => window.__archnestConsoles?.[0]?.serialize() ?? ''), { timeout: 15_000 })
    .toContain('pull-42');
  await pane.getByRole('button', { name: 'Close Console' }).click();

  // Every one of those went through the agent, which logged it.
  expect(agentOutput).toContain('"event":"exec-attach"');
  expect(agentOutput).toMatch(/"method":"POST","path":"\/containers\/[^/"]+\/stop[^"]*","status":204/);
});
