import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { freePort, waitFor } from '@archnest/test-support';
import type { SshTarget } from './archnest-target';
import { startProcess, stderrTail, stopProcess } from './processes';
import { waitForData, type TermSession } from './term-session';

export const WETTY_VERSION = '3.2.0';

/** The few socket.io-client calls the bench makes (its types live in WeTTY's install, not ours). */
interface IoSocket {
  on(event: string, listener: (arg: unknown) => void): IoSocket;
  emit(event: string, ...args: unknown[]): IoSocket;
  disconnect(): IoSocket;
}
type Io = (url: string, options: Record<string, unknown>) => IoSocket;

export interface WettyServer {
  pid: number;
  openSession(): Promise<TermSession>;
  stop(): Promise<void>;
}

/**
 * Installs WeTTY from npm into a git-ignored directory once. npm 11 only runs install scripts that
 * the project's `allowScripts` names, and node-pty's native build is one.
 */
export function ensureWetty(dir: string): void {
  const installed = path.join(dir, 'node_modules/wetty/package.json');
  const version = fs.existsSync(installed)
    ? (JSON.parse(fs.readFileSync(installed, 'utf8')) as { version: string }).version
    : null;
  if (version !== WETTY_VERSION) {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'package.json'),
      `${JSON.stringify({ name: 'archnest-bench-wetty', private: true, dependencies: { wetty: WETTY_VERSION }, allowScripts: { 'node-pty': true } }, null, 2)}\n`,
    );
    console.log(`installing wetty@${WETTY_VERSION} into ${dir} …`);
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', dir], {
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: 600_000,
    });
  }
  // Fails here, with node-pty's own message, if the native module did not build.
  execFileSync(process.execPath, ['-e', "require('node-pty')"], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

export async function startWetty(dir: string, target: SshTarget): Promise<WettyServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = startProcess(
    process.execPath,
    [
      path.join(dir, 'node_modules/wetty/build/main.js'),
      '--force-ssh',
      '--ssh-auth',
      'publickey',
      '--ssh-key',
      target.key.privateKeyPath,
      '--ssh-host',
      '127.0.0.1',
      '--ssh-port',
      String(target.port),
      '--ssh-user',
      target.user,
      // Without it WeTTY runs ssh with StrictHostKeyChecking=no; pin the key as for the other clients.
      '--known-hosts',
      target.knownHostsFile,
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--log-level',
      'warn',
    ],
    { cwd: dir, env: { ...process.env, NODE_ENV: 'production' }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const stderr = stderrTail(child);
  try {
    await waitFor(
      () =>
        fetch(`${base}/`).then(
          (r) => r.ok,
          () => false,
        ),
      'WeTTY to start',
      30_000,
    );
  } catch (error) {
    await stopProcess(child);
    throw new Error(`WeTTY: ${error instanceof Error ? error.message : String(error)}\n${stderr()}`);
  }
  const io = createRequire(path.join(dir, 'package.json'))('socket.io-client') as { io: Io };
  return {
    pid: child.pid!,
    openSession: () => wettySession(io.io, base, child.pid!),
    stop: () => stopProcess(child),
  };
}

/**
 * WeTTY's own browser protocol (build/client/wetty.js): `input` and `resize` up, `data` strings,
 * `login` and `logout` down; the client emits `commit` with 262144 each time that many characters
 * have been written (its flow control), which this simulated renderer does at once.
 */
async function wettySession(io: Io, base: string, pid: number): Promise<TermSession> {
  const ACK_BYTES = 262_144;
  const socket = io(base, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  let listener: ((chunk: string) => void) | null = null;
  let counter = 0;
  let loggedIn = false;
  socket.on('data', (data) => {
    if (typeof data !== 'string') return;
    counter += data.length;
    while (counter >= ACK_BYTES) {
      counter -= ACK_BYTES;
      socket.emit('commit', ACK_BYTES);
    }
    listener?.(data);
  });
  socket.on('login', () => {
    loggedIn = true;
  });
  socket.on('connect', () => socket.emit('resize', { cols: 80, rows: 24 }));
  const session: TermSession = {
    system: 'WeTTY',
    cpuPid: pid,
    write: (text) => socket.emit('input', text),
    onData: (next) => {
      listener = next;
    },
    close: () => {
      socket.disconnect();
      return Promise.resolve();
    },
  };
  try {
    await waitForData(session, () => loggedIn, 15_000, 'the first prompt');
  } catch (error) {
    socket.disconnect();
    throw error;
  }
  return session;
}
