// Latency of the Infrastructure page's API with 5,000 resources over 10 sources (3 EC2 accounts, 3
// Proxmox clusters over pinned TLS, 4 Uptime Kuma instances, all loopback fakes) under 50 concurrent
// clients. Baseline, same server and run: GET /healthz under the same load. A second phase adds one
// source of 5,000 instances and measures its tile detail (the Node Detail card's worst case).
// Then the Node Detail card's render time for 5,000 members in headless Chromium (render.ts), measured
// first, before any source polls in the background.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import type { InfraOverview, InfraSource, Integration } from '@archnest/contract';
import { startEc2Fake, type FakeServer } from '@archnest/test-support';
import { startSourceServer } from '../lib/source-server';
import { measureApiLatency, type LatencyFigures } from './api-latency';
import { measureRender, reportRender } from './render';
import { startBenchSources } from './sources';

const smoke = process.argv.includes('--smoke');
const TOTAL = smoke ? 500 : 5000;
const runs = smoke ? 1 : 5;
const durationMs = smoke ? 500 : 3000;
const concurrency = 50;

const root = path.resolve(import.meta.dirname, '../..');
// The render measurement needs the production web build the server serves; skipped when up to date.
execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
const { base, stop } = await startSourceServer();
const fakes: FakeServer[] = [];

async function api<T>(cookie: string, method: string, url: string, body?: unknown): Promise<T> {
  const r = await fetch(`${base}${url}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!r.ok) throw new Error(`${method} ${url}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

async function addSource(cookie: string, body: Record<string, unknown>): Promise<string> {
  const created = await api<Integration>(cookie, 'POST', '/api/integrations', {
    ...body,
    timeoutSeconds: 30,
  });
  const sourceId = `integration:${created.id}`;
  const state = await api<InfraSource>(
    cookie,
    'POST',
    `/api/infrastructure/sources/${encodeURIComponent(sourceId)}/refresh`,
  );
  if (state.state !== 'ok')
    throw new Error(`${String(body.name)}: ${state.error?.code} ${state.error?.message}`);
  return sourceId;
}

function print(title: string, figures: LatencyFigures[]): void {
  console.log(title);
  const baseline = figures[0];
  for (const f of figures) {
    const ratio =
      baseline && f !== baseline ? `  (${(f.p99Ms / baseline.p99Ms).toFixed(1)}× baseline p99)` : '';
    console.log(
      `  ${f.label.padEnd(44)} p50 ${f.p50Ms.toFixed(1).padStart(7)} ms  p99 ${f.p99Ms.toFixed(1).padStart(7)} ms  ${f.perSecond.toFixed(0).padStart(6)} req/s  ${(f.bytes / 1024).toFixed(0).padStart(5)} KiB${ratio}`,
    );
  }
}

try {
  const setup = await fetch(`${base}/api/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench', password: 'load-test-pass-9' }),
  });
  const cookie = setup.headers.get('set-cookie')!.split(';')[0]!;
  const render = await measureRender({ base, cookie, smoke });

  const sources = await startBenchSources(TOTAL);
  fakes.push(...sources.map((s) => s.fake));
  for (const s of sources) await addSource(cookie, s.body);
  const overview = await api<InfraOverview>(cookie, 'GET', '/api/infrastructure');
  const members = overview.tiles.reduce((n, t) => n + t.memberCount, 0);
  if (overview.sources.length !== 10 || members !== TOTAL)
    throw new Error(
      `expected 10 sources and ${TOTAL} resources, saw ${overview.sources.length} and ${members}`,
    );
  const largest = [...overview.tiles].sort((a, b) => b.memberCount - a.memberCount)[0]!;

  const phaseA = await measureApiLatency({
    base,
    concurrency,
    durationMs,
    runs,
    targets: [
      { label: 'baseline GET /healthz', path: '/healthz' },
      {
        label: `GET /api/infrastructure (${overview.tiles.length} tiles)`,
        path: '/api/infrastructure',
        cookie,
      },
      {
        label: `GET tile detail (${largest.memberCount} members)`,
        path: `/api/infrastructure/tiles/${encodeURIComponent(largest.id)}`,
        cookie,
      },
    ],
  });

  const big = await startEc2Fake({ instances: { 'eu-central-1': TOTAL } });
  fakes.push(big);
  const bigSource = await addSource(cookie, {
    kind: 'aws-ec2',
    name: 'One big account',
    config: { regions: ['eu-central-1'], accessKeyId: big.accessKeyId, endpoint: big.url },
    secrets: { secretAccessKey: big.secretAccessKey },
  });
  const phaseB = await measureApiLatency({
    base,
    concurrency,
    durationMs,
    runs,
    targets: [
      { label: 'baseline GET /healthz', path: '/healthz' },
      {
        label: `GET tile detail (${TOTAL} members)`,
        path: `/api/infrastructure/tiles/${encodeURIComponent(bigSource)}`,
        cookie,
      },
    ],
  });

  console.log(
    `\ninfrastructure API (${runs} runs × ${durationMs} ms, ${concurrency} keep-alive clients, medians)`,
  );
  print(`10 sources, ${TOTAL} resources:`, phaseA);
  print(`plus one source of ${TOTAL} instances:`, phaseB);
  reportRender(render);
  console.log(`  ${'load average (1 min)'.padEnd(48)} ${os.loadavg()[0]?.toFixed(1)}`);
} finally {
  await stop();
  await Promise.all(fakes.map((f) => f.stop()));
}
