import { expect, test, type Page } from '@playwright/test';
import { firstAdmin, signIn, signInAsFirstAdmin } from './helpers';

test.describe.configure({ mode: 'serial' });

// The app exposes this only when navigator.webdriver is true (web/src/features/terminal/test-hook.ts).
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
}

function sshTarget(): SshTarget {
  const raw = process.env.ARCHNEST_E2E_SSH;
  if (!raw) throw new Error('ARCHNEST_E2E_SSH is not set: the global setup must start sshd first');
  return JSON.parse(raw) as SshTarget;
}

const hostName = 'e2e-sessions-box';
let page: Page;
let hostId: string;

function probes(p: Page) {
  return p.evaluate(() =>
    (window.__archnestTerminals ?? []).map((probe) => ({ status: probe.status, sessionId: probe.sessionId })),
  );
}

function paneText(p: Page, index: number): Promise<string> {
  return p.evaluate((i) => window.__archnestTerminals?.[i]?.serialize() ?? '', index);
}

async function typeInPane(p: Page, index: number, text: string): Promise<void> {
  await p
    .getByRole('region', { name: `Pane ${index + 1}` })
    .locator('.xterm')
    .click();
  await p.keyboard.type(text);
  await p.keyboard.press('Enter');
}

async function liveSessions(p: Page): Promise<{ sessionId: string; hostName: string; attached: boolean }[]> {
  return (await (await p.request.get('/api/terminal/sessions')).json()) as {
    sessionId: string;
    hostName: string;
    attached: boolean;
  }[];
}

test.beforeAll(async ({ browser, baseURL }) => {
  page = await browser.newPage();
  await signInAsFirstAdmin(page, baseURL);
  const headers = { Origin: baseURL ?? '' };
  for (const host of await (await page.request.get('/api/hosts')).json()) {
    if (host.name === hostName) await page.request.delete(`/api/hosts/${host.id}`, { headers });
  }
  const ssh = sshTarget();
  const created = await page.request.post('/api/hosts', {
    headers,
    data: {
      name: hostName,
      address: ssh.address,
      port: ssh.port,
      username: ssh.username,
      authMethod: 'password',
      password: ssh.password,
    },
  });
  expect(created.status()).toBe(201);
  hostId = (await created.json()).id;
  // Trust the key unless another spec already did (same sshd).
  const tested = await (await page.request.post(`/api/hosts/${hostId}/test`, { headers })).json();
  if (tested.hostKeyChallenge) {
    const trusted = await page.request.post('/api/known-host-keys/trust', {
      headers,
      data: { challengeId: tested.hostKeyChallenge.challengeId },
    });
    expect(trusted.status()).toBe(201);
  }
});

test.afterAll(async () => {
  await page.close();
});

test('/terminal?host=<id> opens one pane to the host, in a tab named after it, and closing the tab asks first', async () => {
  await page.goto(`/terminal?host=${hostId}`);
  // The parameter is used once and dropped, so a reload does not open a second pane.
  await expect(page).toHaveURL(/\/terminal$/);
  await expect.poll(async () => (await probes(page))[0]?.status, { timeout: 20_000 }).toBe('live');
  await expect(page.getByRole('tab', { name: hostName })).toHaveAttribute('aria-selected', 'true');
  const first = (await probes(page))[0]!.sessionId;
  await page.reload();
  await expect.poll(async () => (await probes(page))[0]?.status, { timeout: 20_000 }).toBe('live');
  const after = await probes(page);
  expect(after.filter((p) => p.sessionId)).toEqual([{ status: 'live', sessionId: first }]);
  await expect(page.getByRole('tab')).toHaveCount(1);

  // Closing the tab lists the live session and, told to end it, ends it on the server.
  await page.getByRole('button', { name: `Close tab ${hostName}` }).click();
  const dialog = page.getByRole('dialog', { name: `Close ${hostName}?` });
  await expect(dialog.getByRole('list', { name: 'Sessions that would end' })).toHaveText(hostName);
  await dialog.getByRole('button', { name: 'End sessions' }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await liveSessions(page)).some((s) => s.sessionId === first)).toBe(false);
});

test('shrinking the grid can keep a session running in the background; the list attaches it again', async () => {
  await page.goto('/terminal');
  await page
    .getByRole('group', { name: 'Panes in this tab' })
    .getByRole('button', { name: '2 panes' })
    .click();
  await page
    .getByRole('region', { name: 'Pane 2' })
    .getByRole('button', { name: `Connect to ${hostName}` })
    .click();
  await expect.poll(async () => (await probes(page))[1]?.status, { timeout: 20_000 }).toBe('live');
  const sessionId = (await probes(page))[1]!.sessionId!;
  await typeInPane(page, 1, 'echo kept-$((40+2))');
  await expect.poll(() => paneText(page, 1)).toContain('kept-42');

  await page
    .getByRole('group', { name: 'Panes in this tab' })
    .getByRole('button', { name: '1 pane' })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Shrink to 1 pane?' });
  await expect(dialog.getByRole('list', { name: 'Sessions that would end' })).toHaveText(hostName);
  await dialog.getByRole('button', { name: 'Keep running in the background' }).click();
  await expect(page.getByRole('region', { name: /^Pane \d$/ })).toHaveCount(1);
  await expect
    .poll(async () => (await liveSessions(page)).find((s) => s.sessionId === sessionId)?.attached)
    .toBe(false);

  await page.getByRole('button', { name: /^Sessions/ }).click();
  const list = page.getByRole('dialog', { name: 'Your live sessions' });
  const row = list.getByRole('row', { name: `Session on ${hostName}` });
  await expect(row).toContainText('in the background');
  await row.getByRole('button', { name: `Attach the session on ${hostName}` }).click();
  await expect(list).toBeHidden();
  await expect
    .poll(async () => (await probes(page))[0], { timeout: 20_000 })
    .toEqual({ status: 'live', sessionId });
  // The scrollback came back with it, and the shell is the same one.
  await expect.poll(() => paneText(page, 0)).toContain('kept-42');
  await typeInPane(page, 0, 'echo still-$((2*4))');
  await expect.poll(() => paneText(page, 0)).toContain('still-8');
});

test('a second browser lists the session, sees it is open elsewhere, and takes it over', async ({
  browser,
}) => {
  const sessionId = (await probes(page))[0]!.sessionId!;
  const context = await browser.newContext();
  const other = await context.newPage();
  try {
    await signIn(other, firstAdmin);
    await other.goto('/terminal');
    await other.getByRole('button', { name: /^Sessions/ }).click();
    const list = other.getByRole('dialog', { name: 'Your live sessions' });
    const row = list.getByRole('row', { name: `Session on ${hostName}` });
    await expect(row).toContainText('attached');
    await row.getByRole('button', { name: `Attach the session on ${hostName}` }).click();

    const pane = other.getByRole('region', { name: 'Pane 1' });
    await expect(pane).toContainText('This session is open in another tab or browser.');
    // Nothing moved yet: the first browser still holds it.
    expect((await probes(page))[0]).toEqual({ status: 'live', sessionId });
    await pane.getByRole('button', { name: 'Take over' }).click();
    await expect
      .poll(async () => (await probes(other))[0], { timeout: 20_000 })
      .toEqual({ status: 'live', sessionId });
    await expect.poll(() => paneText(other, 0)).toContain('still-8');
    await typeInPane(other, 0, 'echo taken-$((9+9))');
    await expect.poll(() => paneText(other, 0)).toContain('taken-18');

    // The first browser is told the session moved, and can take it back.
    const firstPane = page.getByRole('region', { name: 'Pane 1' });
    await expect(firstPane).toContainText('This session moved to another tab or browser.');
    await firstPane.getByRole('button', { name: 'Take over' }).click();
    await expect
      .poll(async () => (await probes(page))[0], { timeout: 20_000 })
      .toEqual({ status: 'live', sessionId });
    await expect.poll(() => paneText(page, 0)).toContain('taken-18');
    await expect(other.getByRole('region', { name: 'Pane 1' })).toContainText(
      'This session moved to another tab or browser.',
    );
    expect((await liveSessions(page)).filter((s) => s.sessionId === sessionId)).toEqual([
      expect.objectContaining({ attached: true }),
    ]);
  } finally {
    await context.close();
  }
  await page.getByRole('button', { name: 'Close Pane 1' }).click();
  await page
    .getByRole('dialog', { name: 'Close pane 1?' })
    .getByRole('button', { name: 'End sessions' })
    .click();
  await expect
    .poll(async () => (await liveSessions(page)).some((s) => s.sessionId === sessionId))
    .toBe(false);
});

test('Connect from the hosts list, the command palette and Infrastructure opens a pane to the host', async () => {
  await page.goto('/settings?tab=hosts');
  await page
    .getByRole('table', { name: 'Hosts' })
    .getByRole('button', { name: `Connect to ${hostName}` })
    .click();
  await expect(page).toHaveURL(/\/terminal$/);
  await expect.poll(async () => (await probes(page))[0]?.status, { timeout: 20_000 }).toBe('live');
  await expect(page.getByRole('tab', { name: hostName, selected: true })).toBeVisible();

  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await palette.getByRole('combobox').fill(`Connect to ${hostName}`);
  await palette.getByRole('option', { name: `Connect to ${hostName}` }).click();
  // The active tab is full, so the second pane opens in a new tab named after the host.
  await expect(page.getByRole('tab', { name: hostName })).toHaveCount(2);
  await expect.poll(async () => (await probes(page))[0]?.status, { timeout: 20_000 }).toBe('live');
  const sessions = (await liveSessions(page)).filter((s) => s.hostName === hostName);
  expect(sessions).toHaveLength(2);

  // SSH hosts among the Infrastructure members connect too.
  await page.goto('/infrastructure');
  const tile = page.getByRole('article', { name: 'SSH hosts' });
  await tile.getByRole('button', { name: /^Open SSH hosts/ }).click();
  const card = page.getByRole('region', { name: /Node detail · SSH hosts/ });
  await card.getByRole('link', { name: `Connect to ${hostName}` }).click();
  await expect(page).toHaveURL(/\/terminal$/);
  await expect(page.getByRole('tab', { name: hostName })).toHaveCount(3);
  await expect.poll(async () => (await probes(page))[0]?.status, { timeout: 20_000 }).toBe('live');
  expect((await liveSessions(page)).filter((s) => s.hostName === hostName)).toHaveLength(3);
  while ((await page.getByRole('button', { name: `Close tab ${hostName}` }).count()) > 0) {
    await page
      .getByRole('button', { name: `Close tab ${hostName}` })
      .first()
      .click();
    await page
      .getByRole('dialog', { name: `Close ${hostName}?` })
      .getByRole('button', { name: 'End sessions' })
      .click();
  }
  await expect
    .poll(async () => (await liveSessions(page)).filter((s) => s.hostName === hostName))
    .toEqual([]);
});
