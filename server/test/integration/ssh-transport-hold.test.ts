import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestUser, startSshd, type SshdServer } from '@archnest/test-support';
import { connectSsh, type ExecStream, type ShellChannel, type SshConnection } from '../../src/ssh';
import { kernelQueuedBytes, steadyKernelQueuedBytes } from '../helpers/kernel-socket-queue';
import { pinnedVerifier, pinsFor, TEST_PASSWORD, TEST_USER } from '../helpers/ssh-fixtures';

/** Output waiting in the kernel; without a hold ssh2 reads everything the window lets through. */
const HELD = 256 * 1024;

let sshd: SshdServer;

beforeAll(async () => {
  ensureTestUser(TEST_USER, TEST_PASSWORD);
  sshd = await startSshd();
});

afterAll(async () => {
  await sshd?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

interface Flooding {
  connection: SshConnection;
  shell: ShellChannel;
  output: () => string;
  received: () => number;
  closed: () => boolean;
}

/** A shell running `yes`, once some output has arrived. */
async function flooding(
  keepaliveIntervalMs: number,
  beside?: (connection: SshConnection) => Promise<void>,
): Promise<Flooding> {
  const connection = await connectSsh(
    [
      {
        label: 'flood',
        host: sshd.host,
        port: sshd.port,
        username: TEST_USER,
        auth: { type: 'password', password: TEST_PASSWORD },
      },
    ],
    { verifyHostKey: pinnedVerifier(pinsFor(sshd)).verify, keepaliveIntervalMs },
  );
  let closed = false;
  connection.onClose(() => (closed = true));
  await beside?.(connection);
  const shell = await connection.shell({ cols: 80, rows: 24 });
  let received = 0;
  let tail = '';
  shell.onData((data) => {
    received += data.length;
    tail = (tail + data.toString('latin1')).slice(-4096);
  });
  shell.write('yes\r');
  await waitUntil(() => received > 256 * 1024, 'the flood to start');
  return { connection, shell, output: () => tail, received: () => received, closed: () => closed };
}

/**
 * What the kernel holds once the remote's output has had time to pile up: `yes` behind sshd fills
 * the queue in well under a second, but not at a fixed pace on a loaded machine.
 */
async function heldInKernel(): Promise<number> {
  await waitUntil(() => kernelQueuedBytes(sshd.port) > HELD, 'output to queue up in the kernel');
  return steadyKernelQueuedBytes(sshd.port);
}

/** …paused, as flow control pauses a slow pane. */
async function pausedFlood(
  keepaliveIntervalMs: number,
  beside?: (connection: SshConnection) => Promise<void>,
): Promise<Flooding> {
  const flood = await flooding(keepaliveIntervalMs, beside);
  flood.shell.pause();
  return flood;
}

async function stopFlood(flood: Flooding): Promise<void> {
  flood.shell.resume();
  flood.shell.write('\x03');
  await sleep(200);
  flood.shell.write('echo flood-$((6*7))-over\r');
  await waitUntil(() => flood.output().includes('flood-42-over'), 'the shell after Ctrl-C');
}

describe('a paused shell holds its connection', () => {
  it('leaves unread output in the kernel for at most the keepalive interval, and keeps the connection', async () => {
    const flood = await pausedFlood(1_000);
    try {
      // Held: the remote's output waits in the kernel rather than in the server's memory.
      expect(await heldInKernel()).toBeGreaterThan(HELD);
      const receivedWhilePaused = flood.received();

      // Past 1 s × (3 missed keepalives + 1) a hold that never ended would have cost the connection.
      await sleep(4_500);
      expect(flood.closed()).toBe(false);
      // The hold ended after one interval: ssh2 read the socket again (keepalive replies included)…
      expect(await steadyKernelQueuedBytes(sshd.port)).toBeLessThan(HELD);
      // …while the channel stayed paused.
      expect(flood.received()).toBe(receivedWhilePaused);

      await stopFlood(flood);
      expect(flood.received()).toBeGreaterThan(receivedWhilePaused);
    } finally {
      flood.connection.close();
    }
  });

  it('ends the hold when another channel opens, so a command still runs beside a paused shell', async () => {
    // A keepalive interval far past the test: only the new channel can end this hold.
    const flood = await pausedFlood(60_000);
    try {
      expect(await heldInKernel()).toBeGreaterThan(HELD);
      const started = Date.now();
      const result = await flood.connection.exec(['echo', 'beside the flood']);
      expect(result.stdout.trim()).toBe('beside the flood');
      expect(Date.now() - started).toBeLessThan(5_000);
      await stopFlood(flood);
    } finally {
      flood.connection.close();
    }
  });

  it('while output is gathered for a frame, leaves what arrives in the kernel until the gather ends', async () => {
    const flood = await flooding(60_000);
    try {
      flood.shell.gatherStart?.();
      await sleep(100); // what ssh2 had already read is delivered
      const receivedWhileGathering = flood.received();
      expect(await heldInKernel()).toBeGreaterThan(HELD);
      expect(flood.received()).toBe(receivedWhileGathering);
      flood.shell.gatherEnd?.();
      await waitUntil(() => flood.received() > receivedWhileGathering + HELD, 'output after the gather');
      await stopFlood(flood);
    } finally {
      flood.connection.close();
    }
  });

  it('does not hold a connection that carries another channel', async () => {
    let other: ExecStream | undefined;
    const flood = await pausedFlood(60_000, async (connection) => {
      other = await connection.execStream(['sleep', '30']);
    });
    try {
      await sleep(300);
      // Only the paused channel's window is outstanding, and ssh2 has read it.
      expect(await steadyKernelQueuedBytes(sshd.port)).toBeLessThan(HELD);
      await stopFlood(flood);
    } finally {
      other?.close();
      flood.connection.close();
    }
  });
});
