// The first page a new user sees: JavaScript bytes (gzip) the sign-in page loads and its first
// contentful paint in headless Chromium, each run in a fresh browser context (empty cache, like a
// first visit). Baseline in the same run and from the same server: a static HTML page with the same
// content and no JavaScript (static-baseline.html). Medians of several runs; ratios against the
// baseline. Targets (docs/PERFORMANCE.md): ≤ 150 KiB gzip, FCP ≤ 1.5× the static page's.
/// <reference lib="dom" />
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_PATH, chromiumArgs, ensureChromium } from '@archnest/test-support';
import { precompress } from '../../scripts/precompress.mjs';
import { median } from '../lib/load';
import { startSourceServer } from '../lib/source-server';

const smoke = process.argv.includes('--smoke');
const runs = smoke ? 2 : 9;
const JS_BUDGET_KIB = 150;
const FCP_RATIO_TARGET = 1.5;
const ADMIN = { username: 'bench-admin', password: 'bench-first-page-77' };

const root = path.resolve(import.meta.dirname, '../..');
execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });

// The production build plus the baseline page, precompressed the way the build does it.
const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-bench-web-'));
fs.cpSync(path.join(root, 'web/dist'), webDir, { recursive: true });
fs.copyFileSync(
  path.join(import.meta.dirname, 'static-baseline.html'),
  path.join(webDir, 'static-baseline.html'),
);
precompress(webDir);

interface Visit {
  fcpMs: number;
  /** Largest contentful paint: when the sign-in form's largest text was painted. */
  lcpMs: number;
  scripts: { url: string; transferred: number }[];
}

/** Bytes a gzip-only client receives for `url` (not decoded). */
function gzipBytes(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => (bytes += chunk.length));
        response.on('end', () => resolve(bytes));
      })
      .on('error', reject);
  });
}

async function visit(browser: Browser, url: string): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const pending: Promise<{ url: string; transferred: number }>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    pending.push(
      response
        .request()
        .sizes()
        .then((sizes) => ({ url: response.url(), transferred: sizes.responseBodySize })),
    );
  });
  await page.goto(url);
  await page.locator('button[type="submit"]').waitFor();
  await page.waitForLoadState('networkidle');
  const paint = (type: 'paint' | 'largest-contentful-paint') =>
    page.evaluate(
      (type) =>
        new Promise<number>((resolve) => {
          new PerformanceObserver((list) => {
            const entries = list.getEntries();
            const entry =
              type === 'paint' ? entries.find((e) => e.name === 'first-contentful-paint') : entries.at(-1);
            if (entry) resolve(entry.startTime);
          }).observe({ type, buffered: true });
        }),
      type,
    );
  const fcpMs = await paint('paint');
  const lcpMs = await paint('largest-contentful-paint');
  const scripts = await Promise.all(pending);
  await context.close();
  return { fcpMs, lcpMs, scripts };
}

const { base, stop } = await startSourceServer({ ARCHNEST_WEB_DIR: webDir });
let browser: Browser | null = null;
try {
  const setup = await fetch(`${base}/api/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify(ADMIN),
  });
  if (setup.status !== 201) throw new Error(`setup answered ${setup.status}`);

  ensureChromium();
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: chromiumArgs, headless: true });
  const targets = { static: `${base}/static-baseline.html`, app: `${base}/login` };
  // One warm-up visit each (server caches, Chromium start-up), not counted.
  await visit(browser, targets.static);
  await visit(browser, targets.app);

  const results: Record<keyof typeof targets, Visit[]> = { static: [], app: [] };
  for (let i = 0; i < runs; i++) {
    // Alternate which goes first, so neither always runs on a machine just woken by the other.
    const order = i % 2 ? (['app', 'static'] as const) : (['static', 'app'] as const);
    for (const name of order) results[name].push(await visit(browser, targets[name]));
  }

  const appScripts = [...new Set(results.app.flatMap((v) => v.scripts.map((s) => s.url)))];
  const gzipped = await Promise.all(appScripts.map(gzipBytes));
  const gzipKiB = gzipped.reduce((a, b) => a + b, 0) / 1024;
  const transferredKiB =
    median(results.app.map((v) => v.scripts.reduce((a, s) => a + s.transferred, 0))) / 1024;
  const fcp = {
    static: median(results.static.map((v) => v.fcpMs)),
    app: median(results.app.map((v) => v.fcpMs)),
  };
  const lcp = {
    static: median(results.static.map((v) => v.lcpMs)),
    app: median(results.app.map((v) => v.lcpMs)),
  };
  const ratio = fcp.app / fcp.static;

  console.log(
    `\nFirst page (${runs} runs, medians; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')})`,
  );
  console.log(`  sign-in page scripts: ${appScripts.length} files`);
  for (const [i, url] of appScripts.entries())
    console.log(`    ${new URL(url).pathname}  ${(gzipped[i]! / 1024).toFixed(1)} KiB gzip`);
  console.log(`  JavaScript, gzip:          ${gzipKiB.toFixed(1)} KiB  (target ≤ ${JS_BUDGET_KIB} KiB)`);
  console.log(`  JavaScript, as Chromium received it: ${transferredKiB.toFixed(1)} KiB`);
  console.log(`  FCP static baseline:       ${fcp.static.toFixed(1)} ms`);
  console.log(
    `  FCP sign-in page:          ${fcp.app.toFixed(1)} ms  (${ratio.toFixed(2)}× baseline, target ≤ ${FCP_RATIO_TARGET}×)`,
  );
  console.log(
    `  LCP (the form painted):    ${lcp.app.toFixed(1)} ms  (${(lcp.app / lcp.static).toFixed(2)}× the static page's ${lcp.static.toFixed(1)} ms)`,
  );
  const met = gzipKiB <= JS_BUDGET_KIB && ratio <= FCP_RATIO_TARGET;
  console.log(met ? '  both targets met' : '  TARGET MISSED');
  if (!met && !smoke) process.exitCode = 1;
} finally {
  await browser?.close();
  await stop();
  fs.rmSync(webDir, { recursive: true, force: true });
}
