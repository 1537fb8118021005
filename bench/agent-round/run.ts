// One agent round on a host with 50 running containers: the real agent's `--dry-run` (docker info,
// ps, one inspect, one one-shot stats read per container, the jq report). Baselines in the same run:
// `docker stats --no-stream` of the same containers (the two-sample read the agent avoids) and a bare
// `docker ps -a`, the floor of any round.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  busyboxImage,
  DOCKER_CLI_PATH,
  ensureAgentTools,
  runContainer,
  startDockerd,
} from '@archnest/test-support';
import { median } from '../lib/load';

const smoke = process.argv.includes('--smoke');
const CONTAINERS = smoke ? 5 : 50;
const RUNS = smoke ? 1 : 5;
const agent = path.resolve(import.meta.dirname, '../../agent/archnest-docker-agent.sh');

ensureAgentTools();
const dockerd = await startDockerd();
const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-bench-bin-'));
try {
  fs.symlinkSync(DOCKER_CLI_PATH, path.join(bin, 'docker'));
  const image = busyboxImage(dockerd.socketPath);
  process.stdout.write(`starting ${CONTAINERS} containers… `);
  for (let i = 0; i < CONTAINERS; i++)
    runContainer(dockerd, { name: `round-${i}`, image, env: { APP_SECRET: 's3cret', N: String(i) } });
  console.log('done');
  const env = {
    PATH: `${bin}:/usr/bin:/bin`,
    DOCKER_HOST: dockerd.dockerHost,
    ARCHNEST_AGENT_CONFIG: '/nonexistent',
  };

  const timed = (fn: () => void) => {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      fn();
      times.push(performance.now() - t0);
    }
    return median(times);
  };
  let reportBytes = 0;
  const round = timed(() => {
    const r = spawnSync('/bin/bash', [agent, '--dry-run'], { env, encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`agent failed (${r.status}): ${r.stderr}`);
    const report = JSON.parse(r.stdout) as { containers: { stats: unknown }[] };
    if (report.containers.filter((c) => c.stats).length !== CONTAINERS) throw new Error('stats missing');
    reportBytes = JSON.stringify(report).length;
  });
  const names = Array.from({ length: CONTAINERS }, (_, i) => `round-${i}`);
  const stats = timed(() =>
    execFileSync(DOCKER_CLI_PATH, ['-H', dockerd.dockerHost, 'stats', '--no-stream', ...names]),
  );
  const ps = timed(() => execFileSync(DOCKER_CLI_PATH, ['-H', dockerd.dockerHost, 'ps', '-a']));

  console.log(`agent-round (${RUNS} runs, ${CONTAINERS} running containers, medians)`);
  console.log(
    `  agent --dry-run (whole round)        ${round.toFixed(0)} ms  (${(reportBytes / 1024).toFixed(1)} KiB JSON)`,
  );
  console.log(`  baseline docker stats --no-stream    ${stats.toFixed(0)} ms`);
  console.log(`  baseline docker ps -a                ${ps.toFixed(0)} ms`);
  console.log(`  ratio round / docker stats           ${(round / stats).toFixed(2)}×`);
} finally {
  fs.rmSync(bin, { recursive: true, force: true });
  await dockerd.stop();
}
