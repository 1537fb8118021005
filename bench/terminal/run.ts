// Terminal performance: ArchNest's SSH terminal against native OpenSSH and WeTTY, measured in the
// same run on the same local sshd. See docs/PERFORMANCE.md ("Terminal") for what each figure means.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureTestUser, generateKeyPair, startSshd, type SshdServer } from '@archnest/test-support';
import { resetPeakRss, statusBytes } from '../lib/proc-stats';
import { startArchNest, archNestSession, type ArchNestServer, type SshTarget } from './archnest-target';
import { slowClientFlood, type FloodResult } from './flood';
import { echoLatency, throughput, type ThroughputSample } from './measure';
import { nativeSession } from './native-target';
import { stopAllProcesses } from './processes';
import { printReport, type Results } from './results';
import type { TermSession } from './term-session';
import { ensureWetty, startWetty, WETTY_VERSION, type WettyServer } from './wetty-target';

const smoke = process.argv.includes('--smoke');
const skipWetty = process.argv.includes('--no-wetty');
const config = smoke
  ? { runs: 1, size: '4M', floodSize: '50M', floodSeconds: 2, keystrokes: 20, warmup: 3, timeoutMs: 20_000 }
  : {
      runs: 3,
      size: '200M',
      floodSize: '300M',
      floodSeconds: 20,
      keystrokes: 200,
      warmup: 10,
      timeoutMs: 180_000,
    };
// `--size=50M` and `--runs=N` shorten a full run while looking into something.
const option = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
config.size = option('size') ?? config.size;
config.runs = Number(option('runs') ?? config.runs);
const workloads = [
  {
    name: `A: head -c ${config.size} /dev/zero | base64`,
    command: `head -c ${config.size} /dev/zero | base64`,
  },
  { name: `B: head -c ${config.size} /dev/zero`, command: `head -c ${config.size} /dev/zero` },
];

const root = path.resolve(import.meta.dirname, '../..');
const wettyDir = path.join(root, '.tmp/wetty');
const USER = 'archnest-bench';

let sshd: SshdServer | undefined;
let archnest: ArchNestServer | undefined;
let wetty: WettyServer | undefined;
let keyDir: string | undefined;
const sessions: TermSession[] = [];

async function shutdown(): Promise<void> {
  for (const s of sessions.splice(0)) await s.close().catch(() => undefined);
  await wetty?.stop();
  await archnest?.stop();
  await stopAllProcesses();
  await sshd?.stop();
  if (keyDir) fs.rmSync(keyDir, { recursive: true, force: true });
}
process.once('SIGINT', () => {
  console.error('interrupted: stopping what the bench started');
  void shutdown().finally(() => process.exit(130));
});

async function main(): Promise<Results> {
  ensureTestUser(USER, 'Bench-pass-4417');
  sshd = await startSshd();
  keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-bench-keys-'));
  const key = generateKeyPair(keyDir, 'bench_ed25519');
  sshd.authorizeKey(USER, key.publicKey);
  const knownHostsFile = path.join(keyDir, 'known_hosts');
  fs.writeFileSync(knownHostsFile, `[127.0.0.1]:${sshd.port} ${sshd.hostPublicKey()}\n`);
  const target: SshTarget = { port: sshd.port, user: USER, key, knownHostsFile };

  archnest = await startArchNest(root, target);
  let wettyError: string | null = skipWetty ? 'skipped (--no-wetty)' : null;
  if (!skipWetty) {
    try {
      ensureWetty(wettyDir);
      wetty = await startWetty(wettyDir, target);
    } catch (error) {
      wettyError = error instanceof Error ? error.message : String(error);
      console.error(`WeTTY ${WETTY_VERSION} could not be run: ${wettyError}`);
    }
  }

  // The flood runs first, on a server that has only served setup so far.
  console.log(`flood: ${config.floodSize} to a client acking 1 MB/s, ${config.floodSeconds} s …`);
  const flood: FloodResult = await slowClientFlood(
    archnest,
    `head -c ${config.floodSize} /dev/zero | base64`,
    config.floodSeconds,
  );

  sessions.push(await archNestSession(archnest), await nativeSession(target));
  if (wetty) sessions.push(await wetty.openSession());
  resetPeakRss(archnest.pid);

  const tput = new Map<string, ThroughputSample[]>();
  const errors: string[] = [];
  for (let run = 1; run <= config.runs; run++) {
    for (const w of workloads) {
      for (const s of sessions) {
        try {
          const sample = await throughput(s, w.command, config.timeoutMs);
          console.log(
            `run ${run} ${w.name.slice(0, 1)} ${s.system.padEnd(10)} ${(sample.bytes / 1e6).toFixed(1)} MB in ${sample.seconds.toFixed(2)} s = ${sample.mbPerSecond.toFixed(1)} MB/s, ${(sample.cpuSecondsPerMb * 1000).toFixed(2)} ms CPU/MB (client ${(sample.clientCpuSecondsPerMb * 1000).toFixed(2)}), ${(sample.bytes / sample.chunks / 1024).toFixed(1)} KiB/chunk`,
          );
          const k = `${w.name}|${s.system}`;
          tput.set(k, [...(tput.get(k) ?? []), sample]);
        } catch (error) {
          errors.push(
            `run ${run} ${w.name} ${s.system}: ${error instanceof Error ? error.message : String(error)}`,
          );
          console.error(errors.at(-1));
        }
      }
    }
  }
  const latency = new Map<string, number[][]>();
  for (let run = 1; run <= config.runs; run++) {
    for (const s of sessions) {
      try {
        const samples = await echoLatency(s, config.keystrokes, config.warmup);
        latency.set(s.system, [...(latency.get(s.system) ?? []), samples]);
      } catch (error) {
        errors.push(`run ${run} echo ${s.system}: ${error instanceof Error ? error.message : String(error)}`);
        console.error(errors.at(-1));
      }
    }
  }
  const fastPeakRss = statusBytes(archnest.pid, 'VmHWM');
  return {
    smoke,
    runs: config.runs,
    keystrokes: config.keystrokes,
    workloads: workloads.map((w) => w.name),
    systems: sessions.map((s) => s.system),
    tput,
    latency,
    flood,
    floodSize: config.floodSize,
    fastPeakRss,
    wettyError,
    errors,
  };
}

try {
  printReport(await main());
} finally {
  await shutdown();
}
