import { expect, test, type Page } from '@playwright/test';
import { startSshd, type SshdServer } from '@archnest/test-support';
import { firstAdmin } from './helpers';
import { startOwnServer, type OwnServer } from './own-server';

/** Elements that reach past the viewport's right edge, or a page that scrolls sideways. */
function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const offenders: string[] = [];
    if (document.documentElement.scrollWidth > width + 1)
      offenders.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('main *'))) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      let right = rect.right;
      for (let a = el.parentElement; a; a = a.parentElement) {
        if (getComputedStyle(a).overflowX !== 'visible')
          right = Math.min(right, a.getBoundingClientRect().right);
      }
      if (right > width + 1)
        offenders.push(`${el.tagName.toLowerCase()} "${(el.textContent ?? '').slice(0, 30)}"`);
    }
    return offenders;
  });
}

let server: OwnServer;
let sshd: SshdServer;

test.beforeAll(async () => {
  sshd = await startSshd();
  // A server of its own: port checks on, every second, against this spec's sshd only.
  server = await startOwnServer({
    ARCHNEST_SSH_REACHABILITY_INTERVAL_MS: '1000',
    ARCHNEST_SSH_REACHABILITY_TIMEOUT_MS: '1000',
  });
});
test.afterAll(async () => {
  server?.stop();
  await sshd?.stop().catch(() => undefined); // the test stopped it already
});

test('Home: onboarding on an empty instance through the first host, then a live summary; a host that goes down shows down', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ baseURL: server.base, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  try {
    const setup = await page.request.post('/api/auth/setup', {
      data: firstAdmin,
      headers: { Origin: server.base },
    });
    expect(setup.status()).toBe(201);
    await context.clearCookies();

    // Signing in lands on Home, which shows the setup steps, none done.
    await page.goto('/login');
    await page.getByLabel('Username').fill(firstAdmin.username);
    await page.getByLabel('Password').fill(firstAdmin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
    await expect(page).toHaveURL(`${server.base}/`);
    const steps = page.getByRole('list', { name: 'Setup steps' });
    for (const label of ['Add an SSH host', 'Add a Docker host', 'Install the Docker agent on a host'])
      await expect(steps.getByRole('listitem', { name: `${label}: to do` })).toBeVisible();
    expect(await horizontalOverflow(page)).toEqual([]);

    // The step's link opens the host form itself.
    await steps.getByRole('link', { name: 'Add an SSH host' }).click();
    await expect(page).toHaveURL(/\/settings\?tab=hosts&add=1$/);
    const dialog = page.getByRole('dialog', { name: 'Add host' });
    await dialog.getByLabel('Name', { exact: true }).fill('lab-box');
    await dialog.getByLabel('Address', { exact: true }).fill('127.0.0.1');
    await dialog.getByLabel('Port', { exact: true }).fill(String(sshd.port));
    await dialog.getByLabel('Username').fill('nobody');
    await dialog.getByLabel('Password', { exact: true }).fill('not-used-by-the-check');
    await dialog.getByRole('button', { name: 'Add host' }).click();
    await expect(dialog).toBeHidden();
    // The hosts list shows the check's result too.
    await expect(page.getByLabel('Reachability of lab-box')).toContainText(/Up · \d+ ms/, {
      timeout: 10_000,
    });

    await page.getByRole('link', { name: 'Home' }).click();
    await expect(steps.getByRole('listitem', { name: 'Add an SSH host: done' })).toBeVisible();
    await expect(steps.getByRole('listitem', { name: 'Add a Docker host: to do' })).toBeVisible();

    // The summary: the host up with its latency, a Connect link, no problems.
    const hosts = page.getByRole('region', { name: 'SSH hosts' });
    await expect(hosts).toContainText('1hosts');
    const recent = page
      .getByRole('list', { name: 'Recent hosts' })
      .getByRole('listitem', { name: 'lab-box' });
    await expect(recent).toContainText(/Up · \d+ ms/);
    await expect(recent.getByRole('link', { name: 'Connect to lab-box' })).toHaveAttribute(
      'href',
      /^\/terminal\?host=[0-9a-f-]{36}$/,
    );
    await expect(page.getByText('Nothing needs attention.')).toBeVisible();
    expect(await horizontalOverflow(page)).toEqual([]);
    await page.screenshot({ path: 'test-results/home-1440.png' });

    // The port goes down: Home says so live (no reload), with the reason among the problems.
    await sshd.stop();
    await expect(recent).toContainText('Down', { timeout: 10_000 });
    const problems = page.getByRole('list', { name: 'Current problems' });
    await expect(problems).toContainText('SSH host lab-box is unreachable');
    await expect(problems).toContainText(`Connection refused: nothing listens on port ${sshd.port}.`);
    await expect(hosts).toContainText('1down');
    // The Infrastructure SSH tile is no longer a grey "Unknown".
    await page.getByRole('link', { name: 'Infrastructure' }).click();
    await expect(page.getByRole('article', { name: 'SSH hosts' })).toContainText('1 host · 0 up, 1 down');
    await page.getByRole('link', { name: 'Home' }).click();

    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.getByRole('heading', { name: 'Home', level: 1 })).toBeVisible();
    const connect = recent.getByRole('link', { name: 'Connect to lab-box' });
    await connect.scrollIntoViewIfNeeded();
    await expect(connect).toBeInViewport({ ratio: 1 });
    await page.screenshot({ path: 'test-results/home-390.png', fullPage: true });
    expect(await horizontalOverflow(page)).toEqual([]);
  } finally {
    await context.close();
  }
});
