import http from 'node:http';
import { expect, test, type Page } from '@playwright/test';
import { signIn, signInAsFirstAdmin, firstAdmin } from './helpers';

/** docs/PERFORMANCE.md, "First page": the sign-in page's JavaScript, gzipped, in KiB. */
const LOGIN_JS_BUDGET_BYTES = 150 * 1024;

interface Fetched {
  status: number;
  headers: http.IncomingHttpHeaders;
  bytes: number;
  text: string;
}

/** What a client that accepts only gzip receives: the bytes on the wire, not decoded. */
function fetchGzip(url: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            bytes: body.length,
            text: body.toString('latin1'),
          });
        });
      })
      .on('error', reject);
  });
}

/** Every script the page requests, from navigation until the network is quiet. */
async function scriptsLoadedBy(page: Page, visit: () => Promise<void>): Promise<string[]> {
  const scripts: string[] = [];
  const record = (response: { url(): string; request(): { resourceType(): string } }) => {
    if (response.request().resourceType() === 'script') scripts.push(response.url());
  };
  page.on('response', record);
  await visit();
  await page.waitForLoadState('networkidle');
  page.off('response', record);
  return scripts;
}

test('the sign-in page loads at most 150 KiB of gzipped JavaScript, without the terminal', async ({
  browser,
  baseURL,
}) => {
  // The first admin must exist, or /login redirects to first-run setup.
  const setupPage = await browser.newPage();
  await signInAsFirstAdmin(setupPage, baseURL);
  await setupPage.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  const scripts = await scriptsLoadedBy(page, async () => {
    await page.goto('/login');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  });
  expect(scripts.length).toBeGreaterThan(1);
  expect(scripts.filter((url) => /xterm|pane-session|sonner|toaster/.test(url))).toEqual([]);

  let total = 0;
  for (const url of scripts) {
    const script = await fetchGzip(url);
    expect(script.status, url).toBe(200);
    expect(script.headers['cache-control'], url).toBe('public, max-age=31536000, immutable');
    expect(script.headers.vary ?? 'Accept-Encoding', url).toBe('Accept-Encoding');
    if (script.headers['content-encoding'] === undefined) expect(script.bytes, url).toBeLessThan(1024);
    else expect(script.headers['content-encoding'], url).toBe('gzip');
    expect(script.text, url).not.toContain('sourceMappingURL');
    // No public source maps.
    const map = await fetchGzip(`${url}.map`);
    expect(map.status, `${url}.map`).toBe(404);
    total += script.bytes;
  }
  console.log(`sign-in page: ${scripts.length} scripts, ${(total / 1024).toFixed(1)} KiB gzip`);
  expect(total).toBeLessThanOrEqual(LOGIN_JS_BUDGET_BYTES);

  // The document itself is revalidated on every visit; a mistyped script URL is a 404, not the app.
  const document = await fetchGzip(`${baseURL}/login`);
  expect(document.status).toBe(404); // not a navigation: no Accept: text/html
  const navigation = await page.request.get('/login', { headers: { accept: 'text/html' } });
  expect(navigation.headers()['cache-control']).toBe('no-cache');
  expect((await page.request.get('/assets/typo-00000000.js')).status()).toBe(404);

  // Signed in, pages load their own chunks; xterm still waits until a pane or console opens.
  const later = await scriptsLoadedBy(page, async () => {
    await signIn(page, firstAdmin);
    await page.getByRole('link', { name: 'Terminal' }).first().click();
    await expect(page.getByRole('region', { name: 'Pane 1' })).toBeVisible();
  });
  expect(later.some((url) => /home-page/.test(url))).toBe(true);
  expect(later.some((url) => /terminal-page/.test(url))).toBe(true);
  expect(later.filter((url) => /xterm|pane-session/.test(url))).toEqual([]);
  await context.close();
});
