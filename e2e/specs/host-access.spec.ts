import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn, signInAsFirstAdmin, type Account } from './helpers';

test.describe.configure({ mode: 'serial' });

declare global {
  interface Window {
    __archnestTerminals?: { status: string; sessionId: string | null; serialize: () => string }[];
  }
}

interface SshTarget {
  address: string;
  port: number;
  username: string;
  password: string;
  fingerprint: string;
}

function sshTarget(): SshTarget {
  const raw = process.env.ARCHNEST_E2E_SSH;
  if (!raw) throw new Error('ARCHNEST_E2E_SSH is not set: the global setup must start sshd first');
  return JSON.parse(raw) as SshTarget;
}

const granted: Account = { username: 'hana-member', password: 'quartz-meadow-61' };
const other: Account = { username: 'ivo-member', password: 'copper-harbor-38' };
const privateHost = 'e2e-private';
const ownHost = 'e2e-own';

let admin: Page;
let privateId = '';

async function memberPage(browser: Browser, account: Account): Promise<Page> {
  const page = await browser.newPage();
  await signIn(page, account);
  return page;
}

function paneText(page: Page): Promise<string> {
  return page.evaluate(() => window.__archnestTerminals?.[0]?.serialize() ?? '');
}

async function openTerminal(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Terminal' }).click();
  await expect(page).toHaveURL(/\/terminal$/);
}

async function expectLive(page: Page): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => window.__archnestTerminals?.[0]?.status), { timeout: 20_000 })
    .toBe('live');
}

async function typeInPane(page: Page, text: string): Promise<void> {
  await page.getByRole('region', { name: 'Pane 1' }).locator('.xterm').click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** What the terminal socket answers to an `open` for this host id, from inside the signed-in page. */
function socketAnswer(page: Page, hostId: string) {
  return page.evaluate(
    (id) =>
      new Promise<{ code: number; error: string | null }>((resolve) => {
        const socket = new WebSocket(`ws://${location.host}/api/terminal`);
        let error: string | null = null;
        socket.onopen = () =>
          socket.send(JSON.stringify({ type: 'open', hostId: id, tabId: 'probe', cols: 80, rows: 24 }));
        socket.onmessage = (event) => {
          const message = JSON.parse(String(event.data)) as { type: string; error?: string };
          if (message.type === 'error') error = message.error ?? null;
        };
        socket.onclose = (event) => resolve({ code: event.code, error });
      }),
    hostId,
  );
}

test.beforeAll(async ({ browser, baseURL }) => {
  admin = await browser.newPage();
  await signInAsFirstAdmin(admin, baseURL);
  const headers = { Origin: baseURL ?? '' };
  const users = (await (await admin.request.get('/api/users')).json()) as { username: string }[];
  for (const account of [granted, other]) {
    if (users.some((u) => u.username === account.username)) continue;
    const created = await admin.request.post('/api/users', {
      data: { ...account, role: 'member' },
      headers,
    });
    expect(created.status()).toBe(201);
  }
  for (const host of (await (await admin.request.get('/api/hosts')).json()) as {
    id: string;
    name: string;
  }[]) {
    if (host.name === privateHost || host.name === ownHost)
      await admin.request.delete(`/api/hosts/${host.id}`, { headers });
  }
});

test.afterAll(async () => {
  await admin.close();
});

test('the admin restricts a host to one member in the host form', async () => {
  const ssh = sshTarget();
  await admin.goto('/settings?tab=hosts');
  await admin.getByRole('button', { name: 'Add host' }).click();
  const dialog = admin.getByRole('dialog', { name: 'Add host' });
  await dialog.getByLabel('Name', { exact: true }).fill(privateHost);
  await dialog.getByLabel('Address', { exact: true }).fill(ssh.address);
  await dialog.getByLabel('Port', { exact: true }).fill(String(ssh.port));
  await dialog.getByLabel('Username').fill(ssh.username);
  await dialog.getByLabel('Password', { exact: true }).fill(ssh.password);
  const access = dialog.getByRole('group', { name: 'Who can use this host' });
  await expect(access.getByLabel(/^Everyone/)).toBeChecked();
  await access.getByLabel(/^Chosen users/).check();
  await access.getByRole('checkbox', { name: granted.username }).check();
  await dialog.getByRole('button', { name: 'Add host' }).click();
  await expect(dialog).toBeHidden();

  const row = admin.getByRole('table', { name: 'Hosts' }).getByRole('row').filter({ hasText: privateHost });
  await expect(row.getByLabel(`Access to ${privateHost}`)).toContainText('Chosen users');
  await expect(row.getByLabel(`Access to ${privateHost}`)).toContainText(granted.username);

  // The key may already be trusted by another spec on this sshd; if not, the admin accepts it here.
  await admin.getByRole('button', { name: `Test connection to ${privateHost}` }).click();
  const test = admin.getByRole('dialog', { name: `Test connection to ${privateHost}` });
  const accept = test.getByRole('button', { name: 'Accept fingerprint' });
  const works = test.getByRole('status').filter({ hasText: 'Connection works' });
  await expect(accept.or(works)).toBeVisible({ timeout: 20_000 });
  if (await accept.isVisible()) await accept.click();
  await expect(works).toBeVisible({ timeout: 20_000 });
  await test.getByRole('button', { name: 'Done' }).click();

  const hosts = (await (await admin.request.get('/api/hosts')).json()) as { id: string; name: string }[];
  privateId = hosts.find((h) => h.name === privateHost)!.id;
});

test('the chosen member sees the host and opens a shell on it', async ({ browser }) => {
  const page = await memberPage(browser, granted);
  await openTerminal(page);
  await page
    .getByRole('region', { name: 'Pane 1' })
    .getByRole('button', { name: `Connect to ${privateHost}` })
    .click();
  await expectLive(page);
  await typeInPane(page, 'echo granted-$((20+22))');
  await expect.poll(() => paneText(page)).toContain('granted-42');
  await page.close();
});

test('another member neither sees it nor reaches it by id, over HTTP or the terminal socket', async ({
  browser,
}) => {
  const page = await memberPage(browser, other);
  await openTerminal(page);
  const pane = page.getByRole('region', { name: 'Pane 1' });
  await expect(pane.getByLabel('Filter hosts').or(pane.getByText('No hosts yet'))).toBeVisible();
  await expect(pane.getByRole('button', { name: `Connect to ${privateHost}` })).toHaveCount(0);

  const direct = await page.request.get(`/api/hosts/${privateId}`);
  expect(direct.status()).toBe(404);
  expect(await direct.json()).toEqual({ error: 'host_not_found', message: 'Host was not found.' });
  const test = await page.request.post(`/api/hosts/${privateId}/test`, {
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(test.status()).toBe(404);
  expect(await socketAnswer(page, privateId)).toEqual({ code: 4400, error: 'host_not_found' });
  await page.close();
});

test('a member saves their own password for a per-user host and the shell opens as them', async ({
  browser,
}) => {
  const ssh = sshTarget();
  await admin.goto('/settings?tab=hosts');
  await admin.getByRole('button', { name: 'Add host' }).click();
  const dialog = admin.getByRole('dialog', { name: 'Add host' });
  await dialog.getByLabel('Name', { exact: true }).fill(ownHost);
  await dialog.getByLabel('Address', { exact: true }).fill(ssh.address);
  await dialog.getByLabel('Port', { exact: true }).fill(String(ssh.port));
  // Not an account on the machine: the shell can only open as the member's own login.
  await dialog.getByLabel('Username').fill('placeholder-user');
  await dialog.getByLabel('Authentication').selectOption('per-user');
  await expect(dialog.getByLabel('Password', { exact: true })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Add host' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    admin.getByRole('table', { name: 'Hosts' }).getByRole('row').filter({ hasText: ownHost }),
  ).toContainText('Each user signs in as themselves');

  const page = await memberPage(browser, granted);
  await openTerminal(page);
  await page.getByRole('button', { name: `My credential for ${ownHost}` }).click();
  const mine = page.getByRole('dialog', { name: `My credential for ${ownHost}` });
  await expect(mine.getByRole('status')).toContainText('Nothing saved');
  await mine.getByLabel('Your username on the host').fill(ssh.username);
  await mine.getByLabel('Your password').fill(ssh.password);
  await mine.getByRole('button', { name: 'Save' }).click();
  await expect(mine.getByRole('status')).toContainText(`Saved: password for ${ssh.username}`);
  await mine.getByRole('button', { name: 'Close', exact: true }).first().click();
  await expect(mine).toBeHidden();

  await page
    .getByRole('region', { name: 'Pane 1' })
    .getByRole('button', { name: `Connect to ${ownHost}` })
    .click();
  await expectLive(page);
  await typeInPane(page, 'echo "me=$(whoami)"');
  await expect.poll(() => paneText(page)).toContain(`me=${ssh.username}`);
  await page.close();
});

test('without a saved credential the pane asks for one at connect time', async ({ browser }) => {
  const ssh = sshTarget();
  const page = await memberPage(browser, other);
  await openTerminal(page);
  await page
    .getByRole('region', { name: 'Pane 1' })
    .getByRole('button', { name: `Connect to ${ownHost}` })
    .click();
  const prompt = page.getByRole('dialog', { name: 'Your login' });
  await expect(prompt).toContainText(`Sign in to ${ownHost} as yourself`);
  await expect(prompt.getByLabel('Your username on the host')).toHaveValue('placeholder-user');
  await prompt.getByLabel('Your username on the host').fill(ssh.username);
  await prompt.getByLabel('Your password').fill(ssh.password);
  await prompt.getByRole('button', { name: 'Connect' }).click();
  await expectLive(page);
  await typeInPane(page, 'echo "typed=$(whoami)"');
  await expect.poll(() => paneText(page)).toContain(`typed=${ssh.username}`);
  // Typed for this connection only: nothing was saved.
  const saved = await page.request.get(`/api/hosts/${await hostId(page, ownHost)}/my-credential`);
  expect(await saved.json()).toMatchObject({ set: false });
  await page.close();
});

async function hostId(page: Page, name: string): Promise<string> {
  const hosts = (await (await page.request.get('/api/hosts')).json()) as { id: string; name: string }[];
  return hosts.find((h) => h.name === name)!.id;
}
