import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Host, TestConnectionResult } from '@archnest/contract';
import { freePort, serverNodeArgs, waitFor, type SshKeyPair } from '@archnest/test-support';
import { ArchNestTerminalClient, type AckPolicy } from '../lib/archnest-terminal-client';
import { startProcess, stderrTail, stopProcess } from './processes';
import type { TermSession } from './term-session';

export interface ArchNestServer {
  pid: number;
  base: string;
  /** Opens a pane on the benchmark host and waits for `ready`. */
  openPane(ack?: AckPolicy): Promise<ArchNestTerminalClient>;
  stop(): Promise<void>;
}

export interface SshTarget {
  port: number;
  user: string;
  key: SshKeyPair;
  /** known_hosts pinning the sshd's host key, so the native client verifies it like ArchNest does. */
  knownHostsFile: string;
}

/**
 * The real server in its own process, as in production: admin set up through the API, one host
 * with key auth, its host key trusted through test connection + /api/known-host-keys/trust.
 */
export async function startArchNest(root: string, target: SshTarget): Promise<ArchNestServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-bench-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  // The production bundle with the production V8 flags (scripts/start.mjs), so memory is what users see.
  // e.g. BENCH_SERVER_NODE_ARGS=--cpu-prof to profile the server while the bench drives it.
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'ignore' });
  const nodeArgs = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = startProcess(process.execPath, [...serverNodeArgs(), ...nodeArgs, 'server/dist/main.js'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ARCHNEST_DATA_DIR: dataDir,
      ARCHNEST_PUBLIC_URL: base,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const stderr = stderrTail(child);
  const stop = async () => {
    await stopProcess(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      () => {
        if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
        return fetch(`${base}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
      },
      'ArchNest to start',
      60_000,
    );
    const setup = await fetch(`${base}/api/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'benchadmin', password: 'quartz-lantern-4417' }),
    });
    if (setup.status !== 201) throw new Error(`admin setup answered ${setup.status}: ${await setup.text()}`);
    const cookie = setup.headers.get('set-cookie')!.split(';')[0]!;
    const api = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${base}${url}`, {
        method,
        headers: {
          cookie,
          origin: base,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!res.ok) throw new Error(`${method} ${url} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as T;
    };
    const host = await api<Host>('POST', '/api/hosts', {
      name: 'bench',
      address: '127.0.0.1',
      port: target.port,
      username: target.user,
      authMethod: 'key',
      privateKey: target.key.privateKey,
    });
    const first = await api<TestConnectionResult>('POST', `/api/hosts/${host.id}/test`);
    if (!first.hostKeyChallenge)
      throw new Error(`expected a host key challenge, got ${JSON.stringify(first)}`);
    await api('POST', '/api/known-host-keys/trust', { challengeId: first.hostKeyChallenge.challengeId });
    const second = await api<TestConnectionResult>('POST', `/api/hosts/${host.id}/test`);
    if (!second.ok) throw new Error(`test connection failed after trusting the key: ${second.message}`);

    let tab = 0;
    return {
      pid: child.pid!,
      base,
      async openPane(ack = 'immediate') {
        const pane = new ArchNestTerminalClient(
          `${base.replace('http', 'ws')}/api/terminal`,
          { cookie, origin: base },
          ack,
        );
        await pane.opened;
        // One tab per pane: the community pane limit counts per tab.
        pane.send({ type: 'open', hostId: host.id, tabId: `bench-${++tab}`, cols: 80, rows: 24 });
        await pane.until(
          () => pane.message('ready') !== undefined || pane.message('error') !== undefined,
          'ready',
        );
        const error = pane.message('error');
        if (error) throw new Error(`open failed: ${error.error} ${error.message}`);
        return pane;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw new Error(`ArchNest: ${error instanceof Error ? error.message : String(error)}\n${stderr()}`);
  }
}

export async function archNestSession(server: ArchNestServer): Promise<TermSession> {
  const pane = await server.openPane();
  return {
    system: 'ArchNest',
    cpuPid: server.pid,
    write: (text) => pane.type(text),
    onData: (listener) => pane.onData(listener),
    close: () => pane.close(),
  };
}
