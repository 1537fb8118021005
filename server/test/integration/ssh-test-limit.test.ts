import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestConnectionResult } from '@archnest/contract';
import { createUser, login, MEMBER_PASSWORD, setupAdmin } from '../helpers/accounts';
import { httpRequest, listenOnLoopback } from '../helpers/raw-http';
import { addPasswordHost } from '../helpers/ssh-hosts';
import { createTestApp, type TestApp } from '../helpers/test-app';

/** A TCP server that accepts and never answers: an SSH test against it waits for its timeout. */
async function silentServer(): Promise<{ port: number; sockets: Set<net.Socket>; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    sockets,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe('SSH test connections per user', () => {
  let t: TestApp;
  let port: number;
  let silent: Awaited<ReturnType<typeof silentServer>>;
  let hostId: string;
  let member: string;
  let other: string;

  beforeAll(async () => {
    silent = await silentServer();
    t = await createTestApp({ env: { ARCHNEST_SSH_TESTS_PER_USER: '3' } });
    port = await listenOnLoopback(t.app);
    const admin = await setupAdmin(t.app);
    await createUser(t.app, admin, 'mia');
    await createUser(t.app, admin, 'otto');
    member = await login(t.app, 'mia', MEMBER_PASSWORD);
    other = await login(t.app, 'otto', MEMBER_PASSWORD);
    hostId = (
      await addPasswordHost(t.app, admin, {
        name: 'silent',
        port: silent.port,
        username: 'nobody',
        password: 'irrelevant-pass-1',
      })
    ).id;
  });
  afterAll(async () => {
    await t?.close();
    await silent?.close();
  });

  const runTest = (cookie: string) =>
    httpRequest(port, { method: 'POST', path: `/api/hosts/${hostId}/test`, headers: { cookie } });

  it('runs at most N at once for one user and answers the rest 429 too_many_tests at once', async () => {
    const started = Date.now();
    const burst = Array.from({ length: 20 }, () => runTest(member));
    // Refusals come back at once, while the admitted tests hang on the silent server.
    await until(() => silent.sockets.size >= 3, 'three connections');
    await new Promise((r) => setTimeout(r, 300));
    expect(silent.sockets.size).toBe(3);

    // Another user has their own allowance.
    const others = Array.from({ length: 2 }, () => runTest(other));
    await until(() => silent.sockets.size >= 5, 'the other user’s connections');
    expect(silent.sockets.size).toBe(5);

    for (const s of silent.sockets) s.destroy(); // the silent host hangs up: every running test ends
    const answers = await Promise.all(burst);
    expect(Date.now() - started).toBeLessThan(9_000); // nobody waited for the 10 s SSH timeout
    const refused = answers.filter((a) => a.status === 429);
    expect(refused).toHaveLength(17);
    for (const r of refused) {
      expect(JSON.parse(r.body)).toMatchObject({ error: 'too_many_tests' });
      expect(r.headers['retry-after']).toBe('1');
    }
    const ran = answers
      .filter((a) => a.status === 200)
      .map((a) => JSON.parse(a.body) as TestConnectionResult);
    expect(ran).toHaveLength(3);
    expect(ran.every((r) => !r.ok)).toBe(true);
    expect((await Promise.all(others)).map((a) => a.status)).toEqual([200, 200]);

    // Once they finished, the user may test again.
    const again = runTest(member);
    await until(() => silent.sockets.size >= 1, 'a new connection');
    for (const s of silent.sockets) s.destroy();
    expect((await again).status).toBe(200);
  });
});
