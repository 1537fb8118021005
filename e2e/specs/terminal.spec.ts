import { expect, test, type Page } from '@playwright/test';
import { signInAsFirstAdmin } from './helpers';

test.describe.configure({ mode: 'serial' });

// The app exposes this only when navigator.webdriver is true (web/src/features/terminal/test-hook.ts).
declare global {
  interface Window {
    __archnestTerminals?: { status: string; sessionId: string | null; serialize: () => string }[];
  }
}

/** Prepared by the global setup: a real sshd on loopback and a local account on it. */
interface SshTarget {
  address: string;
  port: number;
  username: string;
  password: string;
  /** The server's ed25519 host key as `ssh-keygen -l` prints it ("SHA256:…"). */
  fingerprint: string;
}

function sshTarget(): SshTarget {
  const raw = process.env.ARCHNEST_E2E_SSH;
  if (!raw) throw new Error('ARCHNEST_E2E_SSH is not set: the global setup must start sshd first');
  return JSON.parse(raw) as SshTarget;
}

const hostName = 'e2e-sshd';
let page: Page;

/** Text of one pane of the active tab, through the hook the app exposes under automation. */
function paneText(index: number): Promise<string> {
  return page.evaluate((i) => window.__archnestTerminals?.[i]?.serialize() ?? '', index);
}

function paneProbe(index: number) {
  return page.evaluate((i) => {
    const probe = window.__archnestTerminals?.[i];
    return probe ? { status: probe.status, sessionId: probe.sessionId } : null;
  }, index);
}

async function typeInPane(index: number, text: string): Promise<void> {
  await page
    .getByRole('region', { name: `Pane ${index + 1}` })
    .locator('.xterm')
    .click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

test.beforeAll(async ({ browser, baseURL }) => {
  page = await browser.newPage();
  await signInAsFirstAdmin(page, baseURL);
  // Start from a clean slate when the data dir is reused: no host of this name, no trusted key.
  const ssh = sshTarget();
  const headers = { Origin: baseURL ?? '' };
  for (const host of await (await page.request.get('/api/hosts')).json()) {
    if (host.name === hostName) await page.request.delete(`/api/hosts/${host.id}`, { headers });
  }
  for (const key of await (await page.request.get('/api/known-host-keys')).json()) {
    if (key.address === ssh.address && key.port === ssh.port)
      await page.request.delete(`/api/known-host-keys/${key.id}`, { headers });
  }
});

test.afterAll(async () => {
  await page.close();
});

test('admin adds an SSH host and accepts its fingerprint from Test connection', async () => {
  const ssh = sshTarget();
  await page.goto('/settings?tab=hosts');
  await expect(page.getByRole('heading', { name: 'Hosts', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Add host' }).click();

  const dialog = page.getByRole('dialog', { name: 'Add host' });
  await dialog.getByLabel('Name', { exact: true }).fill(hostName);
  await dialog.getByLabel('Address', { exact: true }).fill(ssh.address);
  await dialog.getByLabel('Port', { exact: true }).fill(String(ssh.port));
  await dialog.getByLabel('Username').fill(ssh.username);
  await expect(dialog.getByLabel('Authentication')).toHaveValue('password');
  await dialog.getByLabel('Password', { exact: true }).fill(ssh.password);
  await dialog.getByRole('button', { name: 'Add host' }).click();
  await expect(dialog).toBeHidden();

  const hosts = page.getByRole('table', { name: 'Hosts' });
  await expect(hosts).toContainText(hostName);
  await expect(hosts).toContainText(`${ssh.username}@${ssh.address}:${ssh.port}`);
  await expect(hosts).toContainText('Not trusted yet');

  await page.getByRole('button', { name: `Test connection to ${hostName}` }).click();
  const test = page.getByRole('dialog', { name: `Test connection to ${hostName}` });
  // The fingerprint shown must be exactly the one sshd's own key file gives.
  await expect(test.getByLabel('Offered fingerprint')).toHaveText(ssh.fingerprint);
  await expect(test).toContainText(/ed25519/i);
  // First contact is a question, not a failure: neutral, with nothing about a changed key.
  const firstContact = test.getByRole('status').filter({ hasText: 'New host: confirm its fingerprint' });
  await expect(firstContact).toHaveAttribute('data-tone', 'neutral');
  await expect(test).not.toContainText(/has changed|failed/i);
  await expect(test.getByRole('list', { name: 'Hops' })).toContainText('new host key');
  await test.getByRole('button', { name: 'Accept fingerprint' }).click();
  await expect(test.getByRole('status').filter({ hasText: 'Connection works' })).toBeVisible();
  await expect(test.getByRole('list', { name: 'Hops' })).toContainText(ssh.fingerprint);
  await test.getByRole('button', { name: 'Done' }).click();

  await expect(hosts).toContainText(ssh.fingerprint);
  await expect(page.getByRole('table', { name: 'Known host keys' })).toContainText(
    `${ssh.address}:${ssh.port}`,
  );
});

test('a terminal pane runs commands and survives page changes, more panes and a reload', async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Terminal' }).click();
  await expect(page).toHaveURL(/\/terminal$/);
  await page
    .getByRole('region', { name: 'Pane 1' })
    .getByRole('button', { name: `Connect to ${hostName}` })
    .click();
  await expect.poll(async () => (await paneProbe(0))?.status, { timeout: 20_000 }).toBe('live');
  const { sessionId } = (await paneProbe(0))!;
  expect(sessionId).toBeTruthy();

  await typeInPane(0, 'echo hello-$((6*7))');
  await expect.poll(() => paneText(0)).toContain('hello-42');

  // Four panes: the first keeps its shell, the new ones offer the host list.
  await page.getByRole('button', { name: '4 panes' }).click();
  await expect(page.getByRole('region', { name: /^Pane \d$/ })).toHaveCount(4);
  await expect(page.getByLabel('Filter hosts')).toHaveCount(3);
  expect((await paneProbe(0))?.sessionId).toBe(sessionId);

  // Away and back: the same session, its output still on screen, nothing reconnected.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Terminal' }).click();
  await expect(page.getByRole('region', { name: /^Pane \d$/ })).toHaveCount(4);
  expect(await paneProbe(0)).toEqual({ status: 'live', sessionId });
  expect(await paneText(0)).toContain('hello-42');

  // A reload reattaches the stored session and replays its scrollback.
  await page.reload();
  await expect(page.getByRole('region', { name: /^Pane \d$/ })).toHaveCount(4);
  await expect.poll(async () => (await paneProbe(0))?.status, { timeout: 20_000 }).toBe('live');
  expect((await paneProbe(0))?.sessionId).toBe(sessionId);
  await expect.poll(() => paneText(0)).toContain('hello-42');
  await typeInPane(0, 'echo again-$((1+1))');
  await expect.poll(() => paneText(0)).toContain('again-2');

  // Closing the pane ends the session; the audit shows it with the host's fingerprint.
  await page.getByRole('button', { name: 'Close Pane 1' }).click();
  await page
    .getByRole('dialog', { name: 'Close pane 1?' })
    .getByRole('button', { name: 'End sessions' })
    .click();
  await expect(page.getByRole('region', { name: 'Pane 1' }).getByLabel('Filter hosts')).toBeVisible();
  await page.goto('/settings?tab=audit');
  const audit = page.getByRole('table', { name: 'Terminal sessions' });
  await expect(audit).toContainText(hostName);
  await expect(audit).toContainText(sshTarget().fingerprint);
});
