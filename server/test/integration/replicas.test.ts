import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { WS_CLOSE_SESSION_ENDED, type Channel, type User } from '@archnest/contract';
import { waitFor } from '@archnest/test-support';
import { migrations } from '../../src/db/migrations';
import { ADMIN, MEMBER_PASSWORD } from '../helpers/accounts';
import { syntheticReport } from '../helpers/agent-report';
import { startReceiver, type Receiver } from '../helpers/alert-receivers';
import {
  callReplica as call,
  LEADER_LINE,
  replicaDatabase,
  replicasRunning,
  startReplica as startProcess,
  stopReplicas,
  type Replica,
} from '../helpers/replica-process';
import type { Database } from '../../src/db/database';

const AGENT_TOKEN = 'replica-agent-token-0123456789abcdef';

const startReplica = (name: string, url: string) =>
  startProcess(name, url, { ARCHNEST_AGENT_TOKEN: AGENT_TOKEN, ARCHNEST_EDITION: 'pro' });

/** The events socket of one replica: every message it got, and its close code. */
function eventsSocket(r: Replica, cookie: string) {
  const socket = new WebSocket(`${r.base.replace('http', 'ws')}/api/events`, {
    headers: { cookie, origin: r.base },
  });
  const messages: { type: string }[] = [];
  socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as { type: string }));
  const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
  return { messages, closed, has: (type: string) => messages.some((m) => m.type === type) };
}

function deadContainerReport(hostLabel: string) {
  const report = syntheticReport(hostLabel, 2, 1);
  report.containers[0]!.state = 'dead';
  report.containers[0]!.status = 'Dead';
  return report;
}

describe('two ArchNest processes on one PostgreSQL', () => {
  const replicas: Replica[] = [];
  let database: Database | undefined;
  let receiver: Receiver | undefined;
  afterAll(async () => {
    await stopReplicas(replicas);
    await receiver?.close();
    await database?.close();
  });

  it(
    'migrate once, share sign-in limits, the seat cap, events and revocations, and hand the alert work over when the leader dies',
    { timeout: 240_000 },
    async () => {
      const fresh = await replicaDatabase();
      database = fresh.database;
      const url = fresh.url;

      // Both start at the same moment on an empty database: one applies the migrations, both run.
      replicas.push(...(await Promise.all([startReplica('a', url), startReplica('b', url)])));
      const [a, b] = replicas as [Replica, Replica];
      await replicasRunning(replicas);
      const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(database.db);
      expect(applied.rows.map((r) => r.name).sort()).toEqual(Object.keys(migrations).sort());
      expect(a.out() + b.out()).not.toMatch(/failed to start|already exists/);

      // Exactly one leads.
      await waitFor(() => replicas.some((r) => r.out().includes(LEADER_LINE)), 'a leader', 15_000);
      const leaders = replicas.filter((r) => r.out().includes(LEADER_LINE));
      expect(leaders).toHaveLength(1);
      const leader = leaders[0]!;
      const follower = leader === a ? b : a;

      const setup = await call(leader, 'POST', '/api/auth/setup', { body: ADMIN });
      expect(setup.status, setup.text).toBe(201);
      const admin = setup.cookie;
      for (const username of ['alice', 'bob']) {
        const created = await call(follower, 'POST', '/api/users', {
          cookie: admin,
          body: { username, password: MEMBER_PASSWORD, role: 'member' },
        });
        expect(created.status, created.text).toBe(201);
        expect((created.json() as User).username).toBe(username);
      }

      // Sign-in limits hold across both: 12 parallel wrong passwords for bob, split between the two,
      // get exactly 5 "wrong password" answers (the per-client limit) and the rest 429.
      const guesses = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          call(i % 2 ? a : b, 'POST', '/api/auth/login', {
            body: { username: 'bob', password: `wrong-guess-${i}` },
          }),
        ),
      );
      const statuses = guesses.map((g) => g.status).sort();
      expect(statuses.filter((s) => s === 401)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(7);
      for (const r of replicas) {
        const locked = await call(r, 'POST', '/api/auth/login', {
          body: { username: 'bob', password: MEMBER_PASSWORD },
        });
        expect(locked.status, `${r.name}: ${locked.text}`).toBe(429);
      }

      // The seat cap (10 active users) holds across both: 12 parallel creations, split between them,
      // on top of the 3 users there are.
      const creations = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          call(i % 2 ? a : b, 'POST', '/api/users', {
            cookie: admin,
            body: { username: `seat-${i}`, password: MEMBER_PASSWORD, role: 'member' },
          }),
        ),
      );
      expect(creations.filter((c) => c.status === 201)).toHaveLength(7);
      expect(creations.filter((c) => c.status === 409 && c.text.includes('seat_limit'))).toHaveLength(5);
      const active = await sql<{ n: string }>`select count(*) as n from users where active = 1`.execute(
        database.db,
      );
      expect(Number(active.rows[0]!.n)).toBe(10);

      // Alice watches the follower's events socket; what happens on the leader reaches her.
      const signedIn = await call(follower, 'POST', '/api/auth/login', {
        body: { username: 'alice', password: MEMBER_PASSWORD },
      });
      expect(signedIn.status, signedIn.text).toBe(200);
      const alice = signedIn.cookie;
      const socket = eventsSocket(follower, alice);
      await waitFor(() => socket.has('hello'), 'hello on the follower');
      const patched = await call(leader, 'PATCH', '/api/preferences', {
        cookie: alice,
        body: { appearance: { theme: 'dark' } },
      });
      expect(patched.status, patched.text).toBe(200);
      await waitFor(
        () => socket.has('preferences_changed'),
        'preferences_changed relayed to the follower',
        5000,
      );

      // An alert rule made on the follower; the leader evaluates the agent report and delivers once.
      receiver = await startReceiver();
      const channel = await call(follower, 'POST', '/api/alert-channels', {
        cookie: admin,
        body: {
          kind: 'webhook',
          name: 'hook',
          secrets: { url: receiver.url, signingSecret: 's'.repeat(16) },
        },
      });
      expect(channel.status, channel.text).toBe(201);
      const rule = await call(follower, 'POST', '/api/alert-rules', {
        cookie: admin,
        body: {
          name: 'Dead',
          condition: { kind: 'container_exited' },
          channelIds: [(channel.json() as Channel).id],
        },
      });
      expect(rule.status, rule.text).toBe(201);
      await new Promise((r) => setTimeout(r, 500)); // the rule change travels to the leader's engine
      const report = (r: Replica, host: string) =>
        call(r, 'POST', '/api/agents/docker/report', {
          headers: { authorization: `Bearer ${AGENT_TOKEN}` },
          body: deadContainerReport(host),
        });
      expect((await report(leader, 'edge-1')).status).toBe(202);
      await receiver.waitFor(1, 30_000);
      expect(receiver.requests[0]?.json).toMatchObject({ kind: 'firing', subject: { host: 'edge-1' } });
      await waitFor(() => socket.has('alert'), 'the alert relayed to the follower socket', 5000);
      // The follower polls the same host (its own page) but neither evaluates nor delivers.
      await new Promise((r) => setTimeout(r, 3000));
      expect(receiver.requests).toHaveLength(1);
      const firing = () =>
        sql<{ n: string }>`select count(*) as n from alert_events where kind = 'firing'`.execute(
          database!.db,
        );
      expect(Number((await firing()).rows[0]!.n)).toBe(1);

      // Signing out on the leader closes her socket on the follower with 4401.
      const out = await call(leader, 'POST', '/api/auth/logout', { cookie: alice });
      expect(out.status, out.text).toBeLessThan(300);
      expect(await socket.closed).toBe(WS_CLOSE_SESSION_ENDED);
      expect(socket.messages).toContainEqual({ type: 'session_ended', reason: 'logout' });

      // The leader dies; the follower takes the lock within one retry period and does the alert work.
      leader.child.kill('SIGKILL');
      await leader.exited;
      const killedAt = Date.now();
      await waitFor(() => follower.out().includes(LEADER_LINE), 'the follower to take over', 15_000);
      const takeover = Date.now() - killedAt;
      expect(takeover).toBeLessThan(10_000);
      expect((await report(follower, 'edge-2')).status).toBe(202);
      await receiver.waitFor(2, 30_000);
      expect(receiver.requests[1]?.json).toMatchObject({ kind: 'firing', subject: { host: 'edge-2' } });
      expect(Number((await firing()).rows[0]!.n)).toBe(2);
      console.log(`leader take-over after SIGKILL: ${takeover} ms`);
    },
  );
});
