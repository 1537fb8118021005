// Time for the Node Detail card to show a tile's members in headless Chromium: from the click on the
// tile to the first member rows painted with the count shown. The app is the production build served
// by the real server; the tile endpoints answer synthetic, contract-checked data, so the figure is
// the browser's work (fetch, parse, contract check, filter, sort, render), not the poll.
// Baselines in the same run and page: the same card for a 50-member tile, and a plain HTML table of
// all 5,000 rows built with DOM calls from the same JSON.
// The page functions below run in Chromium.
/// <reference lib="dom" />
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs, ensureChromium } from '@archnest/test-support';
import { median } from '../lib/load';
import { syntheticInfra } from './synthetic-tiles';

export interface RenderOptions {
  /** `http://127.0.0.1:PORT` of a running server with the built web app. */
  base: string;
  /** `archnest_session=…` of a signed-in user. */
  cookie: string;
  smoke: boolean;
}

export interface RenderResult {
  members: number;
  runs: number;
  bigMs: number[];
  smallMs: number[];
  plainTableMs: number[];
}

const SMALL = 50;

/** Click a tile, then wait until a member row exists and the count reads `expected`, plus one paint. */
function clickToRows(page: Page, tileId: string, expected: number): Promise<number> {
  return page.evaluate(
    ({ tileId, expected }) =>
      new Promise<number>((resolve, reject) => {
        const button = document.querySelector<HTMLElement>(`[data-tile-button="${CSS.escape(tileId)}"]`);
        if (!button) return reject(new Error(`no tile ${tileId}`));
        const t0 = performance.now();
        button.click();
        const check = () => {
          const row = document.querySelector('[role="row"][data-member]');
          const count = document.querySelector('[data-member-count]');
          if (row && count?.getAttribute('data-member-count') === String(expected))
            // The frame after the one that shows them: the rows have been painted.
            requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
          else requestAnimationFrame(check);
        };
        check();
      }),
    { tileId, expected },
  );
}

/** The same JSON turned into a plain table with DOM calls: what no framework at all would cost. */
function plainTable(page: Page, tileId: string): Promise<number> {
  return page.evaluate(async (tileId) => {
    const t0 = performance.now();
    const res = await fetch(`/api/infrastructure/tiles/${encodeURIComponent(tileId)}`);
    const detail = (await res.json()) as {
      members: {
        id: string;
        name: string;
        type: string;
        status: string;
        cpu: number | null;
        uptimeSeconds: number | null;
      }[];
    };
    const table = document.createElement('table');
    const body = document.createElement('tbody');
    for (const m of detail.members) {
      const tr = document.createElement('tr');
      for (const value of [
        m.name,
        m.id,
        m.type,
        m.status,
        String(m.cpu ?? ''),
        String(m.uptimeSeconds ?? ''),
      ]) {
        const td = document.createElement('td');
        td.textContent = value;
        tr.appendChild(td);
      }
      body.appendChild(tr);
    }
    table.appendChild(body);
    document.body.prepend(table);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const ms = performance.now() - t0;
    table.remove();
    return ms;
  }, tileId);
}

export async function measureRender({ base, cookie, smoke }: RenderOptions): Promise<RenderResult> {
  const members = smoke ? 500 : 5_000;
  const runs = smoke ? 2 : 7;
  const infra = syntheticInfra({ 'bench-big': members, 'bench-small': SMALL });
  const [big, small] = infra.overview.tiles;
  if (!big || !small) throw new Error('synthetic tiles missing');
  const bodies = new Map([...infra.details].map(([id, detail]) => [id, JSON.stringify(detail)]));

  ensureChromium();
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: chromiumArgs,
    headless: true,
  });
  try {
    const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 800 } });
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    // tsx keeps function names with an `__name` helper that page functions would otherwise miss.
    await context.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    const page = await context.newPage();
    await page.route('**/api/infrastructure', (route) =>
      route.fulfill({ contentType: 'application/json', body: JSON.stringify(infra.overview) }),
    );
    await page.route('**/api/infrastructure/tiles/*', (route) => {
      const id = decodeURIComponent(new URL(route.request().url()).pathname.split('/').pop() ?? '');
      const body = bodies.get(id);
      return body
        ? route.fulfill({ contentType: 'application/json', body })
        : route.fulfill({
            status: 404,
            contentType: 'application/json',
            body: '{"error":"not_found","message":"no tile"}',
          });
    });

    const result: RenderResult = { members, runs, bigMs: [], smallMs: [], plainTableMs: [] };
    const fresh = async () => {
      // A fresh page each time: nothing cached in react-query, the card mounts from scratch.
      await page.goto('/infrastructure');
      await page.locator(`[data-tile-button="${big.id}"]`).waitFor();
    };
    // One warm-up of each, so the first figure does not include compiling the bundle.
    await fresh();
    await clickToRows(page, big.id, members);
    // The windowing is what keeps this cheap: only about a screenful of rows may be in the DOM.
    const rendered = await page.locator('[role="row"][data-member]').count();
    if (rendered === 0 || rendered >= members / 2)
      throw new Error(`expected a window of member rows in the DOM, saw ${rendered}`);
    for (let i = 0; i < runs; i++) {
      await fresh();
      result.bigMs.push(await clickToRows(page, big.id, members));
      await fresh();
      result.smallMs.push(await clickToRows(page, small.id, SMALL));
      await fresh();
      result.plainTableMs.push(await plainTable(page, big.id));
    }
    return result;
  } finally {
    await browser.close();
  }
}

export function reportRender(r: RenderResult): void {
  const line = (label: string, value: string) => console.log(`  ${label.padEnd(48)} ${value}`);
  const m = (xs: number[]) => median(xs).toFixed(1);
  console.log(`\nNode Detail render (${r.runs} runs, medians in ms, click to first rows painted)`);
  line(`${r.members} members (ArchNest card)`, m(r.bigMs));
  line(`baseline: ${SMALL}-member tile (same card)`, m(r.smallMs));
  line(`baseline: plain HTML table of ${r.members} rows`, m(r.plainTableMs));
  line(`ratio ${r.members}/${SMALL} members`, `${(median(r.bigMs) / median(r.smallMs)).toFixed(2)}×`);
  line('ratio card/plain table', `${(median(r.bigMs) / median(r.plainTableMs)).toFixed(2)}×`);
}
