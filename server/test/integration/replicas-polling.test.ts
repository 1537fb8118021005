import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { Channel, InfraOverview, Integration } from '@archnest/contract';
import { startUptimeKumaFake, waitFor, type UptimeKumaFake } from '@archnest/test-support';
import { LEADER_LOCK_KEY } from '../../src/cluster/leader-election';
import { ADMIN } from '../helpers/accounts';
import { startReceiver, type Receiver } from '../helpers/alert-receivers';
import {
  callReplica,
  LEADER_LINE,
  replicaDatabase,
  replicasRunning,
  startReplica as startProcess,
  stopReplicas,
  type Replica,
} from '../helpers/replica-process';
import type { Database } from '../../src/db/database';

const METRICS_TOKEN = 'replica-metrics-token-0123456789';
const INTERVAL_S = 5;
/** The Uptime Kuma integration with a status page reads two URLs per poll. */
const REQUESTS_PER_POLL = 2;

const startReplica = (name: string, url: string) =>
  startProcess(name, url, { ARCHNEST_METRICS: 'true', ARCHNEST_METRICS_TOKEN: METRICS_TOKEN });

const call = (r: Replica, method: string, url: string, cookie = '', body?: unknown) =>
  callReplica(r, method, url, { cookie, body });

/** How many polls of `sourceId` this process has run itself (its /metrics poll histogram count). */
async function pollsBy(r: Replica, sourceId: string): Promise<number> {
  const response = await fetch(`${r.base}/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  const text = await response.text();
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith('archnest_infrastructure_poll_duration_seconds_count{') &&
        l.includes(`source="${sourceId}"`),
    );
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}

/** The source and its tiles as one replica's Infrastructure API shows them. */
async function view(r: Replica, cookie: string, sourceId: string) {
  const overview = (await call(r, 'GET', '/api/infrastructure', cookie)).json() as InfraOverview;
  return {
    source: overview.sources.find((s) => s.id === sourceId),
    tiles: overview.tiles.filter((t) => t.sourceId === sourceId),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('two ArchNest processes on one PostgreSQL polling one source', () => {
  const replicas: Replica[] = [];
  let database: Database | undefined;
  let kuma: UptimeKumaFake | undefined;
  let receiver: Receiver | undefined;
  let blocker: pg.Client | undefined;
  afterAll(async () => {
    await blocker?.end();
    await receiver?.close();
    await stopReplicas(replicas);
    await kuma?.stop();
    await database?.close();
  });

  it(
    'poll each source from one process only, show both the same data, alert on the leader from the stored polls, and take over within one interval after SIGKILL',
    { timeout: 180_000 },
    async () => {
      const fresh = await replicaDatabase();
      database = fresh.database;
      const url = fresh.url;
      kuma = await startUptimeKumaFake();
      // The test holds the leader lock at first, so it can hand the lead to the replica that does not poll.
      blocker = new pg.Client({ connectionString: url });
      await blocker.connect();
      await blocker.query('select pg_advisory_lock($1)', [LEADER_LOCK_KEY]);

      replicas.push(...(await Promise.all([startReplica('a', url), startReplica('b', url)])));
      const [a, b] = replicas as [Replica, Replica];
      await replicasRunning(replicas);

      const setup = await call(a, 'POST', '/api/auth/setup', '', ADMIN);
      expect(setup.status, setup.text).toBe(201);
      const admin = setup.cookie;
      const created = await call(b, 'POST', '/api/integrations', admin, {
        kind: 'uptime-kuma',
        name: 'Kuma',
        config: { url: kuma.url, statusPageSlug: kuma.slug },
        pollIntervalSeconds: INTERVAL_S,
      });
      expect(created.status, created.text).toBe(201);
      const sourceId = `integration:${(created.json() as Integration).id}`;

      // Both show the source polled (one polled it, the other took the stored poll).
      for (const r of replicas)
        await waitFor(
          async () => (await view(r, admin, sourceId)).source?.state === 'ok',
          `replica ${r.name} to show the polled source`,
          20_000,
        );
      const [firstA, firstB] = await Promise.all([pollsBy(a, sourceId), pollsBy(b, sourceId)]);
      expect(
        [firstA, firstB].filter((n) => n > 0),
        `polls a=${firstA} b=${firstB}`,
      ).toHaveLength(1);
      const owner = firstA > 0 ? a : b;
      const other = owner === a ? b : a;

      // Only the owner calls the source, once per interval, and the fake sees exactly its polls'
      // requests. Counted from just after one poll ended to just after the third next one ended.
      const polled = async (r: Replica, count: number) => {
        await waitFor(
          async () => (await pollsBy(r, sourceId)) >= count,
          `poll ${count}`,
          4 * INTERVAL_S * 1000,
        );
        return { at: Date.now(), requests: kuma!.requests() };
      };
      const start = await pollsBy(owner, sourceId);
      const first = await polled(owner, start + 1);
      const third = await polled(owner, start + 4);
      const elapsed = third.at - first.at;
      console.log(`three polls by the owner in ${elapsed} ms (interval ${INTERVAL_S * 1000} ms)`);
      expect(elapsed).toBeGreaterThanOrEqual(3 * INTERVAL_S * 1000 - 200);
      expect(elapsed).toBeLessThan(4 * INTERVAL_S * 1000);
      expect(third.requests - first.requests).toBe(3 * REQUESTS_PER_POLL);
      expect(await pollsBy(owner, sourceId)).toBe(start + 4);
      expect(await pollsBy(other, sourceId)).toBe(0);

      // A refresh on the other replica re-reads the stored poll: it never calls the source.
      const refreshed = await call(other, 'POST', `/api/infrastructure/sources/${sourceId}/refresh`, admin);
      expect(refreshed.status, refreshed.text).toBe(200);
      expect(await pollsBy(other, sourceId)).toBe(0);

      // Both Infrastructure APIs show the same source state, times and tiles.
      await waitFor(
        async () => {
          const [x, y] = await Promise.all([view(a, admin, sourceId), view(b, admin, sourceId)]);
          return JSON.stringify(x) === JSON.stringify(y);
        },
        'both replicas to show the same source',
        10_000,
      );
      const shown = await view(other, admin, sourceId);
      expect(shown.source).toMatchObject({ state: 'ok', error: null });
      expect(shown.source!.lastSuccessAt).not.toBeNull();
      expect(shown.tiles).toHaveLength(1);
      expect(shown.tiles[0]).toMatchObject({
        memberCount: 5,
        summary: '2 up, 1 down, 1 pending, 1 maintenance',
      });

      // The replica that does not poll the source leads: its alert engine acts on the polls it takes
      // from the store. (The owner is paused while the lead moves, so the lead cannot go to it.)
      receiver = await startReceiver();
      const channel = await call(a, 'POST', '/api/alert-channels', admin, {
        kind: 'webhook',
        name: 'hook',
        secrets: { url: receiver.url, signingSecret: 's'.repeat(16) },
      });
      expect(channel.status, channel.text).toBe(201);
      const rule = await call(b, 'POST', '/api/alert-rules', admin, {
        name: 'Monitor down',
        condition: { kind: 'kuma_monitor_down' },
        channelIds: [(channel.json() as Channel).id],
      });
      expect(rule.status, rule.text).toBe(201);
      owner.child.kill('SIGSTOP');
      await blocker.query('select pg_advisory_unlock($1)', [LEADER_LOCK_KEY]);
      await waitFor(() => other.out().includes(LEADER_LINE), 'the other replica to lead', 15_000);
      owner.child.kill('SIGCONT');
      expect(owner.out()).not.toContain(LEADER_LINE);
      await receiver.waitFor(1, 30_000);
      expect(receiver.requests[0]?.json).toMatchObject({ kind: 'firing' });
      expect(receiver.requests[0]?.body).toContain('Mail');
      expect(await pollsBy(other, sourceId)).toBe(0);
      await sleep(2 * INTERVAL_S * 1000); // the owner's engine keeps observing, passively
      expect(receiver.requests).toHaveLength(1);

      const lastAttempt = shown.source!.lastAttemptAt!;

      // The owner dies without a word: the other replica polls the source within one interval.
      owner.child.kill('SIGKILL');
      const killedAt = Date.now();
      await owner.exited;
      await waitFor(async () => (await pollsBy(other, sourceId)) > 0, 'the other replica to poll', 15_000);
      const takeoverMs = Date.now() - killedAt;
      console.log(`takeover after SIGKILL: ${takeoverMs} ms (interval ${INTERVAL_S * 1000} ms)`);
      // The lock is retried within one interval; the poll itself and the /metrics reads come on top.
      expect(takeoverMs).toBeLessThanOrEqual(INTERVAL_S * 1000 + 1500);
      const after = await view(other, admin, sourceId);
      expect(after.source!.lastAttemptAt! > lastAttempt).toBe(true);
      expect(after.tiles[0]).toMatchObject({ memberCount: 5 });
    },
  );
});
