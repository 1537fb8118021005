// Cost of the server-side session check: every authenticated request looks its session row up.
// Baseline (same run, same server): GET /healthz, which takes the same HTTP path without the lookup.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, waitFor } from '@archnest/test-support';
import { load, median } from '../lib/load';

const smoke = process.argv.includes('--smoke');
const runs = smoke ? 1 : 5;
const durationMs = smoke ? 500 : 3000;
const concurrency = 32;

// The server runs in its own process, as in production, so the load generator does not share its event loop.
const root = path.resolve(import.meta.dirname, '../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-bench-'));
const port = await freePort();
const server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
  cwd: root,
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    ARCHNEST_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
const base = `http://127.0.0.1:${port}`;
await waitFor(
  () =>
    fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    ),
  'server start',
);

const setup = await fetch(`${base}/api/auth/setup`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username: 'bench', password: 'load-test-pass-9' }),
});
const cookie = setup.headers.get('set-cookie')!.split(';')[0]!;

const baseline: number[] = [];
const checked: number[] = [];
const baselineP99: number[] = [];
const checkedP99: number[] = [];
for (let i = 0; i < runs; i++) {
  const b = await load(`${base}/healthz`, {}, concurrency, durationMs);
  const c = await load(`${base}/api/auth/me`, { cookie }, concurrency, durationMs);
  if (b.errors || c.errors) throw new Error(`errors during run: baseline ${b.errors}, session ${c.errors}`);
  baseline.push(b.perSecond);
  checked.push(c.perSecond);
  baselineP99.push(b.p99Ms);
  checkedP99.push(c.p99Ms);
}

const loginTimes: number[] = [];
for (let i = 0; i < (smoke ? 2 : 10); i++) {
  const t0 = performance.now();
  await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench', password: 'load-test-pass-9' }),
  });
  loginTimes.push(performance.now() - t0);
}

server.kill('SIGTERM');
await new Promise((r) => server.once('exit', r));
fs.rmSync(dataDir, { recursive: true, force: true });

const m = (xs: number[]) => median(xs).toFixed(1);
console.log(`session-check (${runs} runs × ${durationMs} ms, ${concurrency} keep-alive clients, SQLite)`);
console.log(`  baseline GET /healthz        ${m(baseline)} req/s  p99 ${m(baselineP99)} ms`);
console.log(`  GET /api/auth/me (session)   ${m(checked)} req/s  p99 ${m(checkedP99)} ms`);
console.log(`  ratio session/baseline       ${(median(checked) / median(baseline)).toFixed(2)}×`);
console.log(`  login (argon2id verify)      median ${m(loginTimes)} ms`);
