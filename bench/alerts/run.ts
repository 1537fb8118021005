// Alert rule evaluation as a share of the poll it rides on, in the same run. One Uptime Kuma source
// with 5,000 monitors (the fake in a child process, so only ArchNest's CPU is counted) is polled
// through the real Infrastructure poller; the alert engine evaluates every rule on each outcome. The
// engine's CPU is measured around `observe`; the poll's own CPU is the process CPU of the whole poll
// (HTTP read, parsing, tile building, cache) minus the engine's.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { buildApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { openDatabase } from '../../server/src/db/database';
import { migrateToLatest } from '../../server/src/db/migrate';
import type { PollOutcome } from '../../server/src/modules/infrastructure/resource-source';
import { median } from '../lib/load';

const smoke = process.argv.includes('--smoke');
const SUBJECTS = smoke ? 500 : 5000;
const RUNS = smoke ? 3 : 20;

const child = spawn(
  'node',
  ['--import', 'tsx', path.join(import.meta.dirname, 'kuma-child.ts'), String(SUBJECTS - 5)],
  {
    stdio: ['pipe', 'pipe', 'inherit'],
  },
);
const line = await new Promise<string>((resolve) =>
  readline.createInterface({ input: child.stdout }).once('line', resolve),
);
const kuma = JSON.parse(line) as { url: string; slug: string; apiKey: string };

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-bench-alerts-'));
const database = openDatabase({ sqliteFile: path.join(dataDir, 'archnest.db') });
await migrateToLatest(database);
const { app, services } = await buildApp({
  config: loadConfig({
    ARCHNEST_DATA_DIR: dataDir,
    ARCHNEST_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
  }),
  database,
});

try {
  const setup = await app.inject({
    method: 'POST',
    url: '/api/auth/setup',
    payload: { username: 'bench', password: 'correct-horse-42' },
  });
  const session = setup.cookies.find((c) => c.name === 'archnest_session');
  if (setup.statusCode !== 201 || !session) throw new Error(`setup: ${setup.statusCode} ${setup.body}`);
  const cookie = `archnest_session=${session.value}`;
  const post = async (url: string, payload: object) => {
    const res = await app.inject({ method: 'POST', url, headers: { cookie }, payload });
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json<{ id: string }>();
  };
  // Every kind of rule an admin might define; the monitor rules evaluate on each of the 5,000 subjects.
  const rules: object[] = [
    { name: 'Monitor down', condition: { kind: 'kuma_monitor_down' } },
    {
      name: 'Web monitors down',
      condition: { kind: 'kuma_monitor_down' },
      scope: { type: 'name', pattern: 'monitor-*9' },
      forSeconds: 60,
    },
    { name: 'Kuma host', condition: { kind: 'kuma_monitor_down' }, scope: { type: 'host', host: 'kuma*' } },
    { name: 'Source failing', condition: { kind: 'source_failing' } },
    { name: 'Exited', condition: { kind: 'container_exited' } },
    { name: 'Unhealthy', condition: { kind: 'container_unhealthy' } },
    { name: 'Restart loop', condition: { kind: 'container_restart_loop', restarts: 3, windowMinutes: 10 } },
    { name: 'CPU', condition: { kind: 'container_cpu_above', percent: 90 } },
    { name: 'Node offline', condition: { kind: 'proxmox_node_offline' } },
    { name: 'Guest stopped', condition: { kind: 'proxmox_guest_stopped' } },
  ];
  for (const rule of rules) await post('/api/alert-rules', rule);
  const integration = await post('/api/integrations', {
    kind: 'uptime-kuma',
    name: 'kuma bench',
    config: { url: kuma.url, statusPageSlug: kuma.slug },
    secrets: { apiKey: kuma.apiKey },
    pollIntervalSeconds: 3600,
    timeoutSeconds: 30,
  });
  const sourceId = `integration:${integration.id}`;

  const engine = services.alerts.engine;
  const observe = engine.observe.bind(engine);
  let engineMicros = 0;
  let subjects = 0;
  engine.observe = (outcome: PollOutcome) => {
    const before = process.cpuUsage();
    observe(outcome);
    const used = process.cpuUsage(before);
    engineMicros += used.user + used.system;
    subjects = outcome.snapshot?.groups.reduce((n, g) => n + g.members.length, 1) ?? 1;
  };

  await services.infrastructure.sync();
  for (let i = 0; i < 3; i++) await services.infrastructure.refresh(sourceId); // warm-up; the first fires the down monitors
  await engine.settled();
  const pollMs: number[] = [];
  const engineMs: number[] = [];
  const shares: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    engineMicros = 0;
    const before = process.cpuUsage();
    await services.infrastructure.refresh(sourceId);
    await engine.settled();
    const used = process.cpuUsage(before);
    const own = (used.user + used.system - engineMicros) / 1000;
    pollMs.push(own);
    engineMs.push(engineMicros / 1000);
    shares.push(engineMicros / 1000 / own);
  }
  const active = engine.active().length;
  const result = {
    subjects,
    rules: rules.length,
    activeAlerts: active,
    runs: RUNS,
    pollOwnCpuMsMedian: Number(median(pollMs).toFixed(2)),
    ruleEvaluationCpuMsMedian: Number(median(engineMs).toFixed(2)),
    shareMedianPercent: Number((median(shares) * 100).toFixed(2)),
    shareMaxPercent: Number((Math.max(...shares) * 100).toFixed(2)),
    targetPercent: 10,
  };
  console.log(JSON.stringify(result, null, 2));
  if (!smoke && result.shareMedianPercent > result.targetPercent) process.exitCode = 1;
} finally {
  await app.close();
  await database.close();
  child.stdin?.end();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
