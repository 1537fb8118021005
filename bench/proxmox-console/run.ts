// Proxmox console performance: a console through ArchNest (browser WebSocket -> ArchNest -> Proxmox
// termproxy socket) against a WebSocket client talking to the same Proxmox fake directly, in the same
// run. Keystroke echo latency (p50/p99) and output throughput. See docs/PERFORMANCE.md.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import type { Integration } from '@archnest/contract';
import { startProxmoxFake } from '@archnest/test-support';
import { ArchNestTerminalClient } from '../lib/archnest-terminal-client';
import { startListeningScript } from '../lib/listening-child';
import { median, percentile } from '../lib/load';
import { MarkerScanner } from '../lib/marker';
import { treeCpuSeconds } from '../lib/proc-stats';
import { startSourceServer } from '../lib/source-server';
import { openDirect, type ConsoleSession } from './direct-client';

const smoke = process.argv.includes('--smoke');
const config = smoke
  ? { runs: 1, floodBytes: 2_000_000, keystrokes: 30, warmup: 5 }
  : { runs: 3, floodBytes: 50_000_000, keystrokes: 300, warmup: 20 };

const fake = await startProxmoxFake({ tls: 'ca-issued' });
const server = await startSourceServer({ ARCHNEST_EDITION: 'pro' });
const caPem = fake.caPem ?? '';
const authorization = `PVEAPIToken=${fake.tokenId}=${fake.tokenSecret}`;

async function setup(): Promise<{ cookie: string; integrationId: string }> {
  const res = await fetch(`${server.base}/api/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'benchadmin', password: 'quartz-lantern-4417' }),
  });
  if (res.status !== 201) throw new Error(`setup: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const created = await fetch(`${server.base}/api/integrations`, {
    method: 'POST',
    headers: { cookie, origin: server.base, 'content-type': 'application/json' },
    body: JSON.stringify({
      kind: 'proxmox',
      name: 'bench',
      config: { url: fake.url, tokenId: fake.tokenId },
      secrets: { tokenSecret: fake.tokenSecret },
      tls: { ca: caPem },
      pollIntervalSeconds: 3600,
    }),
  });
  if (created.status !== 201) throw new Error(`integration: ${created.status} ${await created.text()}`);
  return { cookie, integrationId: ((await created.json()) as Integration).id };
}

async function openArchNest(cookie: string, integrationId: string): Promise<ConsoleSession> {
  // Output is acknowledged as the web app's pane does it (every 32 KiB, or 50 ms after the first byte).
  const client = new ArchNestTerminalClient(
    `${server.base.replace('http', 'ws')}/api/terminal`,
    { cookie, origin: server.base },
    'browser',
  );
  await client.opened;
  client.send({
    type: 'pve_console',
    integrationId,
    node: 'pve1',
    guestType: 'lxc',
    vmid: 200,
    tabId: 'bench',
    cols: 80,
    rows: 24,
  });
  await client.until(() => client.message('ready') !== undefined, 'ready');
  return {
    write: (text) => client.type(text),
    onData: (listener) => client.onData(listener),
    close: () => client.close(),
  };
}

/**
 * The reference relay (minimal-relay.ts) in its own process, and a plain WebSocket client to it:
 * the cost of one more process on the path, without anything ArchNest does.
 */
async function startMinimalRelay(): Promise<{
  open: () => Promise<ConsoleSession>;
  pid: number;
  stop: () => void;
}> {
  const caFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-relay-')), 'ca.pem');
  fs.writeFileSync(caFile, caPem);
  const relay = await startListeningScript(path.join(import.meta.dirname, 'minimal-relay.ts'), [
    fake.url,
    caFile,
    authorization,
    '/nodes/pve1/lxc/200',
  ]);
  const port = relay.port;
  const open = async (): Promise<ConsoleSession> => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false });
    let listener: ((chunk: Buffer) => void) | null = null;
    await new Promise<void>((resolve, reject) => {
      ws.once('error', reject);
      ws.once('message', () => resolve());
    });
    ws.on('message', (data: Buffer) => listener?.(data));
    return {
      write: (text) => ws.send(Buffer.from(text, 'utf8'), { binary: true }),
      onData: (next) => (listener = next),
      close: async () => {
        ws.close();
        await new Promise((r) => setTimeout(r, 50));
        ws.terminate();
      },
    };
  };
  return { open, pid: relay.pid, stop: relay.stop };
}

function waitFor(
  session: ConsoleSession,
  done: (chunk: Buffer) => boolean,
  timeoutMs: number,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      session.onData(null);
      reject(new Error('timed out'));
    }, timeoutMs);
    session.onData((chunk) => {
      if (!done(chunk)) return;
      clearTimeout(timer);
      session.onData(null);
      resolve(performance.now());
    });
  });
}

const quiet = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One 'a' at a time, waiting for its echo (the fake's shell echoes each typed character). */
async function echo(session: ConsoleSession): Promise<number[]> {
  await quiet(200);
  const samples: number[] = [];
  for (let i = 0; i < config.warmup + config.keystrokes; i++) {
    const echoed = waitFor(session, (chunk) => chunk.includes(0x61), 5000);
    const t0 = performance.now();
    session.write('a');
    const t1 = await echoed;
    if (i >= config.warmup) samples.push(t1 - t0);
  }
  // Clear the typed line so the next command starts clean.
  session.write('\r');
  await quiet(200);
  return samples;
}

/** `flood N`: N bytes of output; MB/s from sending the line to seeing `FLOOD-DONE`. */
async function flood(session: ConsoleSession, side: Side): Promise<number> {
  await quiet(200);
  const scanner = new MarkerScanner('FLOOD-DONE');
  const done = waitFor(session, (chunk) => scanner.push(chunk), 120_000);
  const relayPid = side === 'relay' ? minimalRelay.pid : server.pid;
  const serverCpu0 = treeCpuSeconds(relayPid);
  const benchCpu0 = process.cpuUsage();
  const t0 = performance.now();
  session.write(`flood ${config.floodBytes}\r`);
  const t1 = await done;
  const benchCpu = process.cpuUsage(benchCpu0);
  cpu[side].server.push((treeCpuSeconds(relayPid) - serverCpu0) * 1000);
  cpu[side].bench.push((benchCpu.user + benchCpu.system) / 1000);
  await quiet(100);
  return config.floodBytes / 1e6 / ((t1 - t0) / 1000);
}

type Side = 'direct' | 'archnest' | 'relay';
const SIDES: readonly Side[] = ['direct', 'archnest', 'relay'];
/** CPU ms per flood: the relaying process (ArchNest or the reference), and this one (fake + client). */
const cpu: Record<Side, { server: number[]; bench: number[] }> = {
  direct: { server: [], bench: [] },
  archnest: { server: [], bench: [] },
  relay: { server: [], bench: [] },
};
const results: Record<Side, { echo: number[]; mbps: number[] }> = {
  direct: { echo: [], mbps: [] },
  archnest: { echo: [], mbps: [] },
  relay: { echo: [], mbps: [] },
};
const minimalRelay = await startMinimalRelay();
try {
  const { cookie, integrationId } = await setup();
  for (let run = 0; run < config.runs; run++) {
    // Rotate the order so no side always runs on a warmer machine.
    const order = SIDES.map((_, i) => SIDES[(i + run) % SIDES.length]!);
    for (const side of order) {
      const session =
        side === 'direct'
          ? await openDirect(fake.url, caPem, authorization, '/nodes/pve1/lxc/200')
          : side === 'relay'
            ? await minimalRelay.open()
            : await openArchNest(cookie, integrationId);
      results[side].echo.push(...(await echo(session)));
      results[side].mbps.push(await flood(session, side));
      await session.close();
    }
  }
  const line = (name: string, r: { echo: number[]; mbps: number[] }) => {
    const sorted = [...r.echo].sort((a, b) => a - b);
    return {
      name,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      mbps: median(r.mbps),
    };
  };
  const direct = line('direct WebSocket to the fake', results.direct);
  const archnest = line('through ArchNest', results.archnest);
  const relay = line('reference: minimal relay', results.relay);
  console.log(
    `Proxmox console (${config.runs} runs, ${config.keystrokes} keystrokes and ${config.floodBytes / 1e6} MB each)`,
  );
  for (const r of [direct, archnest, relay])
    console.log(
      `  ${r.name.padEnd(30)} echo p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  throughput ${r.mbps.toFixed(1)} MB/s (median)`,
    );
  for (const side of SIDES)
    console.log(
      `  CPU per flood, ${side.padEnd(8)}  relaying process ${side === 'direct' ? '(none)' : `${median(cpu[side].server).toFixed(0)} ms`}, ` +
        `bench process (fake + client) ${median(cpu[side].bench).toFixed(0)} ms (medians)`,
    );
  console.log(
    `  ratio: throughput ${(archnest.mbps / direct.mbps).toFixed(2)}× direct (target ≥ 0.9×); ` +
      `p99 ${(archnest.p99 - direct.p99).toFixed(2)} ms over direct (target ≤ 1 ms)`,
  );
  console.log(
    `  reference: the minimal relay gives ${(relay.mbps / direct.mbps).toFixed(2)}× direct and ` +
      `p99 ${(relay.p99 - direct.p99).toFixed(2)} ms over direct`,
  );
} finally {
  minimalRelay.stop();
  await server.stop();
  await fake.stop();
}
