import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { DOCKER_CLI_PATH, ensureAgentTools } from '@archnest/test-support';
import { signInAsFirstAdmin } from './helpers';

test.describe.configure({ mode: 'serial' });

const AGENT = path.resolve(import.meta.dirname, '../../agent/archnest-docker-agent.sh');
const LABEL = 'e2e-agent-host';

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

/** Runs the real agent once, as its systemd timer would, with Debian's docker CLI first on PATH. */
function runAgent(baseURL: string, token: string): Promise<{ code: number; stderr: string }> {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-e2e-agent-'));
  fs.symlinkSync(DOCKER_CLI_PATH, path.join(bin, 'docker'));
  return new Promise((resolve) => {
    execFile(
      '/bin/bash',
      [AGENT, '--once'],
      {
        env: {
          PATH: `${bin}:/usr/bin:/bin`,
          ARCHNEST_AGENT_CONFIG: '/nonexistent',
          ARCHNEST_URL: baseURL,
          ARCHNEST_TOKEN: token,
          ARCHNEST_HOST_LABEL: LABEL,
          DOCKER_HOST: dockerTarget().endpoint,
        },
        timeout: 60_000,
      },
      (error, _stdout, stderr) => {
        fs.rmSync(bin, { recursive: true, force: true });
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr });
      },
    );
  });
}

let page: Page;
let token = '';

test.beforeAll(async ({ browser, baseURL }) => {
  ensureAgentTools();
  page = await browser.newPage();
  await signInAsFirstAdmin(page, baseURL);
});

test.afterAll(async () => {
  await page.close();
});

test('an admin issues a per-host token and sees it once, with the install command', async () => {
  await page.goto('/settings?tab=agents');
  await expect(page.getByRole('heading', { name: 'Agent tokens' })).toBeVisible();
  await page.getByRole('button', { name: 'Issue token' }).click();
  const dialog = page.getByRole('dialog', { name: 'New agent token' });
  await dialog.getByLabel('Host label').fill('not a label!');
  await dialog.getByRole('button', { name: 'Issue token' }).click();
  await expect(dialog.getByRole('alert')).toContainText('letters, digits');
  await dialog.getByLabel('Host label').fill(LABEL);
  await dialog.getByRole('button', { name: 'Issue token' }).click();

  const issued = page.getByRole('dialog', { name: `Token for ${LABEL}` });
  await expect(issued.getByText('This is the only time the token is shown')).toBeVisible();
  token = (await issued.getByLabel('Token', { exact: true }).textContent()) ?? '';
  expect(token).toMatch(/^ana_[A-Za-z0-9_-]{43}$/);
  const command = (await issued.getByLabel('Install command', { exact: true }).textContent()) ?? '';
  const origin = new URL(page.url()).origin;
  expect(command).toContain(`curl -fsSL ${origin}/agent/install.sh`);
  expect(command).toContain(`--host-label ${LABEL} --token-stdin`);
  // The token travels on stdin: it is in no URL and no argument of the command.
  for (const line of command.split('\n').filter((l) => l.includes('http'))) expect(line).not.toContain(token);
  const installer = await page.request.get('/agent/install.sh');
  expect(installer.status()).toBe(200);
  expect(await installer.text()).toContain('--token-stdin');
  await issued.getByRole('button', { name: 'Done' }).click();
  await expect(issued).toBeHidden();

  const row = page.getByRole('table', { name: 'Agent tokens' }).locator(`tr[data-agent-token="${LABEL}"]`);
  await expect(row).toContainText('active');
  await expect(row).toContainText('never');
  await expect(page.locator('body')).not.toContainText(token);
});

test('the agent reports with that token and its host shows read-only on the Containers page', async ({
  baseURL,
}) => {
  const docker = dockerTarget();
  const run = await runAgent(baseURL!, token);
  expect(run.code, run.stderr).toBe(0);

  await page.reload();
  const hostRow = page.getByRole('table', { name: 'Agent hosts' }).locator(`tr[data-agent-host="${LABEL}"]`);
  await expect(hostRow).toContainText('1 running / 2');
  await expect(hostRow).toContainText('fresh');
  await expect(
    page.getByRole('table', { name: 'Agent tokens' }).locator(`tr[data-agent-token="${LABEL}"]`),
  ).not.toContainText('never');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Containers' }).click();
  await page.getByRole('combobox', { name: 'Filter by host' }).selectOption({ label: `${LABEL} (agent)` });
  await expect(page.getByText('reported by agent, read-only')).toBeVisible();
  await expect(page.getByText(/last report \d+ s ago · every 30 s/)).toBeVisible();
  const table = page.getByRole('table', { name: 'Containers' });
  const running = table.locator(`tr[data-container="${docker.runningContainer}"]`);
  await expect(running).toContainText('running');
  await expect(running.getByRole('img', { name: /^Memory of e2e-web: \d/ })).toBeVisible();
  await expect(table.locator(`tr[data-container="${docker.stoppedContainer}"]`)).toContainText('created');
  // Read-only: no actions on any row.
  await expect(table.getByRole('button', { name: /^Actions for/ })).toHaveCount(0);

  await running.getByRole('button', { name: docker.runningContainer }).click();
  const env = page.getByRole('region', { name: 'Environment' });
  await expect(env).toContainText('MODE');
  await expect(env).toContainText('demo');
  await expect(env.getByLabel('masked')).toHaveCount(1);
  await expect(page.getByRole('tab', { name: 'Console' })).toHaveCount(0);
  await expect(page.getByRole('tab', { name: 'Logs' })).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText('e2e-secret-token');
});

test('a revoked token is refused: the agent exits 6 and says so', async ({ baseURL }) => {
  await page.goto('/settings?tab=agents');
  await page.getByRole('button', { name: `Revoke token for ${LABEL}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
  await expect(
    page.getByRole('table', { name: 'Agent tokens' }).locator(`tr[data-agent-token="${LABEL}"]`),
  ).toContainText('revoked');
  const run = await runAgent(baseURL!, token);
  expect(run.code).toBe(6);
  expect(run.stderr).toContain('refused the token');
});
