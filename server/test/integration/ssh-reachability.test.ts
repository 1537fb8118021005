import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type {
  ActiveAlert,
  AlertHistory,
  Host,
  HostReachability,
  InfraOverview,
  InfraTileDetail,
  ServerEvent,
} from '@archnest/contract';
import { freePort, startSshd, type SshdServer } from '@archnest/test-support';
import { createUser, login, MEMBER_PASSWORD, setupAdmin } from '../helpers/accounts';
import { createTestApp, dialects, type TestApp } from '../helpers/test-app';

/**
 * A TCP server that accepts and never speaks, counting connections open at once. The count is taken
 * 10 ms after each accept: a connection the client just closed may still look open in the very tick
 * a new one arrives, while one held beyond the cap stays open for the whole 300 ms timeout.
 */
async function silentServer() {
  const sockets = new Set<net.Socket>();
  let peak = 0;
  const server = net.createServer((socket) => {
    sockets.add(socket);
    setTimeout(() => {
      peak = Math.max(peak, sockets.size);
    }, 10);
    socket.on('end', () => sockets.delete(socket));
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    get open() {
      return sockets.size;
    },
    get peak() {
      return peak;
    },
    resetPeak() {
      peak = sockets.size;
    },
    close() {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

async function until<T>(read: () => Promise<T> | T, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function listen(base: string, cookie: string): Promise<ServerEvent[]> {
  return new Promise((resolve, reject) => {
    const messages: ServerEvent[] = [];
    const socket = new WebSocket(`${base.replace('http', 'ws')}/api/events`, {
      headers: { cookie, origin: base },
    });
    socket.on('message', (data: Buffer) => {
      messages.push(JSON.parse(data.toString('utf8')) as ServerEvent);
      if (messages.length === 1) resolve(messages);
    });
    socket.on('error', reject);
  });
}

const reachEvents = (messages: ServerEvent[]) =>
  messages.flatMap((m) => (m.type === 'ssh_reachability' ? m.hosts : []));

async function addHost(t: TestApp, admin: string, body: Record<string, unknown>): Promise<Host> {
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/hosts',
    headers: { cookie: admin },
    payload: { address: '127.0.0.1', username: 'ops', authMethod: 'password', password: 'pw', ...body },
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json<Host>();
}

/**
 * SSH reachability: real OpenSSH, a silent TCP server and a closed port, checked by the app itself;
 * the results on the API, the Infrastructure SSH tile and `/api/events`, each filtered per user.
 */
describe.each(dialects)('SSH host reachability (%s)', (dialect) => {
  let t: TestApp;
  let sshd: SshdServer;
  let silent: Awaited<ReturnType<typeof silentServer>>;
  let base: string;
  let admin: string;
  let member: string;

  beforeAll(async () => {
    [sshd, silent] = await Promise.all([startSshd(), silentServer()]);
    t = await createTestApp({
      dialect,
      env: {
        ARCHNEST_SSH_REACHABILITY_INTERVAL_MS: '3600000',
        // Long enough for a real sshd on a loaded machine (it forks and re-executes before its banner).
        ARCHNEST_SSH_REACHABILITY_TIMEOUT_MS: '2000',
        ARCHNEST_SSH_REACHABILITY_CONCURRENCY: '4',
      },
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as net.AddressInfo).port}`;
    admin = await setupAdmin(t.app);
    await createUser(t.app, admin, 'viewer');
    member = await login(t.app, 'viewer', MEMBER_PASSWORD);
  });
  afterAll(async () => {
    await t?.close();
    silent?.close();
    await sshd?.stop();
  });

  it('up with banner and latency, down with the reason, per user, on the tile and live', async () => {
    const adminEvents = await listen(base, admin);
    const memberEvents = await listen(base, member);
    const closedPort = await freePort();
    const upHost = await addHost(t, admin, { name: 'real-sshd', port: sshd.port });
    const quiet = await addHost(t, admin, { name: 'quiet', port: silent.port });
    const closed = await addHost(t, admin, { name: 'closed', port: closedPort, access: 'chosen' });
    const behind = await addHost(t, admin, { name: 'inner', address: 'inner.lan', jumpHostIds: [upHost.id] });

    // Each new host is checked at once, without waiting for the (hour-long) interval.
    const reach = async (cookie: string) =>
      (await t.app.inject({ url: '/api/hosts/reachability', headers: { cookie } })).json<
        HostReachability[]
      >();
    const all = await until(
      () => reach(admin),
      (list) => list.filter((r) => r.checkedAt !== null).length === 3,
    );
    const byId = new Map(all.map((r) => [r.hostId, r]));
    expect(byId.get(upHost.id)).toMatchObject({
      state: 'up',
      error: null,
      banner: expect.stringMatching(/^SSH-2\.0-OpenSSH_/),
    });
    expect(byId.get(upHost.id)?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(byId.get(upHost.id)?.latencyMs).toBeLessThan(2000);
    expect(byId.get(quiet.id)).toMatchObject({
      state: 'down',
      latencyMs: null,
      error: 'The port is open but sent no SSH banner within 2 s.',
    });
    expect(byId.get(closed.id)).toMatchObject({
      state: 'down',
      error: `Connection refused: nothing listens on port ${closedPort}.`,
    });
    // Behind a jump host: never probed from here (inner.lan would not even resolve).
    expect(byId.get(behind.id)).toMatchObject({
      state: 'unknown',
      checkedAt: null,
      error: 'Reached through a jump host: not checked from here.',
    });

    // The member may not use the `chosen` host: not in the answer, never in an event.
    expect((await reach(member)).map((r) => r.hostId).sort()).toEqual(
      [upHost.id, quiet.id, behind.id].sort(),
    );

    // A full round, heard live by both sockets as one event each, filtered for the member.
    const round = await t.services.reachability.checkAll();
    expect(round.map((r) => r.state).sort()).toEqual(['down', 'down', 'unknown', 'up']);
    const roundEvent = (messages: ServerEvent[], n: number) =>
      messages.find((m) => m.type === 'ssh_reachability' && m.hosts.length === n);
    const adminRound = await until(
      () => roundEvent(adminEvents, 4),
      (m) => m !== undefined,
    );
    await until(
      () => roundEvent(memberEvents, 3),
      (m) => m !== undefined,
    );
    expect(
      adminRound?.type === 'ssh_reachability' && adminRound.hosts.find((r) => r.hostId === upHost.id),
    ).toMatchObject({
      state: 'up',
    });
    expect(reachEvents(adminEvents).map((r) => r.hostId)).toContain(closed.id);
    expect(reachEvents(memberEvents).map((r) => r.hostId)).not.toContain(closed.id);
    expect(memberEvents.some((m) => m.type === 'infrastructure_changed')).toBe(true);

    // The Infrastructure SSH tile is no longer grey: health and latency per host.
    const tileOf = async (cookie: string) => {
      const overview = (
        await t.app.inject({ url: '/api/infrastructure', headers: { cookie } })
      ).json<InfraOverview>();
      return overview.tiles.find((tile) => tile.sourceId === 'ssh');
    };
    const tile = await until(
      () => tileOf(admin),
      (x) => x?.summary === '4 hosts · 1 up, 2 down',
    );
    expect(tile).toMatchObject({ health: 'error', counts: { ok: 1, error: 2, unknown: 1 } });
    expect((await tileOf(member))?.summary).toBe('3 hosts · 1 up, 1 down');
    const detail = (
      await t.app.inject({ url: `/api/infrastructure/tiles/ssh`, headers: { cookie: admin } })
    ).json<InfraTileDetail>();
    const real = detail.members.find((m) => m.id === upHost.id);
    expect(real).toMatchObject({ status: 'up', health: 'ok' });
    expect(real?.details.find((d) => d.label === 'Latency')?.value).toMatch(/^\d+ ms$/);
    expect(detail.members.find((m) => m.id === closed.id)?.details).toContainEqual({
      label: 'Unreachable',
      value: `Connection refused: nothing listens on port ${closedPort}.`,
    });
  });
});

describe('SSH reachability: the concurrency cap', () => {
  it('never has more checks in flight than the cap, however many hosts and parallel rounds', async () => {
    const silent = await silentServer();
    const t = await createTestApp({
      env: {
        ARCHNEST_SSH_REACHABILITY_INTERVAL_MS: '3600000',
        ARCHNEST_SSH_REACHABILITY_TIMEOUT_MS: '300',
        ARCHNEST_SSH_REACHABILITY_CONCURRENCY: '5',
      },
    });
    try {
      const admin = await setupAdmin(t.app);
      for (let i = 0; i < 40; i++) await addHost(t, admin, { name: `h${i}`, port: silent.port });
      // Let the at-once checks of new hosts drain, then measure rounds alone.
      await until(
        () => silent.open,
        (n) => n === 0,
      );
      await new Promise((r) => setTimeout(r, 100));
      silent.resetPeak();
      t.services.reachability.peakInFlight = 0;
      const started = Date.now();
      // Two rounds asked at once join one; ten more hosts arrive meanwhile (each checked at once).
      const [a, b] = await Promise.all([
        t.services.reachability.checkAll(),
        t.services.reachability.checkAll(),
        Promise.all(
          Array.from({ length: 10 }, (_, i) => addHost(t, admin, { name: `late${i}`, port: silent.port })),
        ),
      ]);
      await until(
        () => silent.open,
        (n) => n === 0,
      );
      const took = Date.now() - started;
      expect(a).toBe(b);
      expect(a.length).toBeGreaterThanOrEqual(40);
      expect(a.every((r) => r.state === 'down')).toBe(true);
      expect(silent.peak).toBe(5);
      expect(t.services.reachability.peakInFlight).toBe(5);
      // 40+ checks of 300 ms, five at a time: at least 8 waves.
      expect(took).toBeGreaterThanOrEqual(8 * 300 - 50);
    } finally {
      await t.close();
      silent.close();
    }
  });
});

describe('SSH reachability: a real port goes down and comes back', () => {
  it('feeds "SSH host unreachable": up → down (firing) → up (resolved), with no polling of its own', async () => {
    let sshd = await startSshd();
    const port = sshd.port;
    const t = await createTestApp({
      env: {
        ARCHNEST_SSH_REACHABILITY_INTERVAL_MS: '3600000',
        ARCHNEST_SSH_REACHABILITY_TIMEOUT_MS: '3000',
      },
    });
    try {
      const admin = await setupAdmin(t.app);
      const rule = await t.app.inject({
        method: 'POST',
        url: '/api/alert-rules',
        headers: { cookie: admin },
        payload: { name: 'SSH down', condition: { kind: 'ssh_host_unreachable' }, resolveAfterSeconds: 0 },
      });
      expect(rule.statusCode, rule.body).toBe(201);
      const host = await addHost(t, admin, { name: 'box', port });
      const active = async () =>
        (await t.app.inject({ url: '/api/alerts/active', headers: { cookie: admin } })).json<ActiveAlert[]>();
      const history = async () =>
        (await t.app.inject({ url: '/api/alerts/history', headers: { cookie: admin } })).json<AlertHistory>()
          .events;

      expect((await t.services.reachability.checkAll())[0]).toMatchObject({ hostId: host.id, state: 'up' });
      await new Promise((r) => setTimeout(r, 200));
      expect(await active()).toEqual([]);

      await sshd.stop();
      expect((await t.services.reachability.checkAll())[0]).toMatchObject({ state: 'down' });
      const firing = await until(active, (list) => list[0]?.status === 'firing');
      expect(firing[0]).toMatchObject({
        subjectKey: `ssh/${host.id}`,
        subjectName: 'box',
        message: `SSH host box is unreachable: Connection refused: nothing listens on port ${port}.`,
      });

      sshd = await startSshd({ port });
      expect((await t.services.reachability.checkAll())[0]).toMatchObject({ state: 'up' });
      await until(active, (list) => list.length === 0);
      const events = await until(history, (list) => list.length === 2);
      expect(events.map((e) => e.kind)).toEqual(['resolved', 'firing']);
    } finally {
      await t.close();
      await sshd.stop();
    }
  });
});
