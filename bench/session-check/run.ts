// Cost of the server-side session check: every authenticated request looks its session row up.
// Baseline (same run, same server): GET /healthz, which takes the same HTTP path without the lookup.
import { load, median } from '../lib/load';
import { startSourceServer } from '../lib/source-server';

const smoke = process.argv.includes('--smoke');
const runs = smoke ? 1 : 5;
const durationMs = smoke ? 500 : 3000;
const concurrency = 32;

const { base, stop } = await startSourceServer();

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

await stop();

const m = (xs: number[]) => median(xs).toFixed(1);
console.log(`session-check (${runs} runs × ${durationMs} ms, ${concurrency} keep-alive clients, SQLite)`);
console.log(`  baseline GET /healthz        ${m(baseline)} req/s  p99 ${m(baselineP99)} ms`);
console.log(`  GET /api/auth/me (session)   ${m(checked)} req/s  p99 ${m(checkedP99)} ms`);
console.log(`  ratio session/baseline       ${(median(checked) / median(baseline)).toFixed(2)}×`);
console.log(`  login (argon2id verify)      median ${m(loginTimes)} ms`);
