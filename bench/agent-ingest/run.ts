// Agent ingest on SQLite: sustained reports/s and p99 latency for a 50-container gzip report, from
// many hosts at once. Baseline (same run, same server): GET /healthz, the same HTTP path without a
// body, a token check or a write. The ratio says what one report costs against the cheapest request.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { syntheticReport } from '../../server/test/helpers/agent-report';
import { load, median } from '../lib/load';
import { postLoad } from '../lib/post-load';
import { startSourceServer } from '../lib/source-server';

const smoke = process.argv.includes('--smoke');
const runs = smoke ? 1 : 5;
const durationMs = smoke ? 500 : 3000;
const concurrency = 8;
const CONTAINERS = 50;
const HOSTS = smoke ? 10 : 200;
const INTERVAL_S = 30;
const TOKEN = 'bench-agent-token-0123456789abcdef';

const { base, dataDir, stop } = await startSourceServer({ ARCHNEST_AGENT_TOKEN: TOKEN });

// One body per host and tick, so counters move and CPU % is computed as in production.
const json = (host: number, tick: number) =>
  JSON.stringify(syntheticReport(`bench-${host}`, CONTAINERS, tick));
const rawBytes = Buffer.byteLength(json(0, 1));
const bodies = (tick: number) => Array.from({ length: HOSTS }, (_, h) => gzipSync(json(h, tick)));
const headers = {
  'content-type': 'application/json',
  'content-encoding': 'gzip',
  authorization: `Bearer ${TOKEN}`,
};
// Every host's first report (no CPU figure yet) before measuring.
for (const body of bodies(1)) {
  const r = await fetch(`${base}/api/agents/docker/report`, { method: 'POST', headers, body });
  if (r.status !== 202) throw new Error(`warm-up report answered ${r.status}: ${await r.text()}`);
}

const baseline: number[] = [];
const ingest: number[] = [];
const baselineP99: number[] = [];
const ingestP99: number[] = [];
const ingestP50: number[] = [];
for (let i = 0; i < runs; i++) {
  const b = await load(`${base}/healthz`, {}, concurrency, durationMs);
  const r = await postLoad(
    `${base}/api/agents/docker/report`,
    headers,
    bodies(i + 2),
    concurrency,
    durationMs,
    202,
  );
  if (b.errors || r.errors) throw new Error(`errors during run: baseline ${b.errors}, ingest ${r.errors}`);
  baseline.push(b.perSecond);
  baselineP99.push(b.p99Ms);
  ingest.push(r.perSecond);
  ingestP99.push(r.p99Ms);
  ingestP50.push(r.p50Ms);
}
const dbBytes = fs
  .readdirSync(dataDir)
  .filter((f) => f.startsWith('archnest.db'))
  .reduce((sum, f) => sum + fs.statSync(path.join(dataDir, f)).size, 0);

await stop();

const m = (xs: number[]) => median(xs).toFixed(1);
const perSecond = median(ingest);
console.log(
  `agent-ingest (${runs} runs × ${durationMs} ms, ${concurrency} keep-alive clients, ${HOSTS} host labels, SQLite)`,
);
console.log(
  `  report: ${CONTAINERS} containers, ${(rawBytes / 1024).toFixed(1)} KiB JSON, ${(bodies(1)[0]!.length / 1024).toFixed(1)} KiB gzip`,
);
console.log(`  baseline GET /healthz          ${m(baseline)} req/s  p99 ${m(baselineP99)} ms`);
console.log(
  `  POST /api/agents/docker/report ${m(ingest)} reports/s  p50 ${m(ingestP50)} ms  p99 ${m(ingestP99)} ms`,
);
console.log(`  ratio ingest/baseline          ${(perSecond / median(baseline)).toFixed(3)}×`);
console.log(
  `  capacity at ${INTERVAL_S} s per report   ${Math.floor(perSecond * INTERVAL_S)} hosts (at 100 % of one core; plan for half)`,
);
console.log(`  database after the run         ${(dbBytes / 1024 / 1024).toFixed(1)} MiB`);
