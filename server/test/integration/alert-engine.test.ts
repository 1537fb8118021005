import { afterEach, describe, expect, it } from 'vitest';
import type { AlertHistory, AlertInbox, AlertRule } from '@archnest/contract';
import { ManualClock } from '../../src/clock';
import { container, dockerPoll } from '../helpers/alert-outcomes';
import type { Receiver } from '../helpers/alert-receivers';
import { activeAlerts, receivedKinds, startAlertRig } from '../helpers/alert-rig';
import { createTestApp, dialects, type TestApp } from '../helpers/test-app';

const MIN = 60_000;

describe.each(dialects)('alert states on %s', (dialect) => {
  let t: TestApp;
  let r: Receiver;
  let admin: string;
  let clock: ManualClock;
  const open: TestApp[] = [];

  afterEach(async () => {
    for (const app of open.splice(0)) await app.close();
    await r?.close();
  });

  async function start(rule: Record<string, unknown>): Promise<AlertRule> {
    const rig = await startAlertRig(dialect, {
      name: 'Exited',
      condition: { kind: 'container_exited' },
      ...rule,
    });
    ({ t, receiver: r, admin, clock } = rig);
    open.push(t);
    return rig.rule;
  }

  const exited = () => container({ name: 'web', state: 'exited', exitCode: 137 });
  const running = () => container({ name: 'web' });

  async function observe(app: TestApp, c: ReturnType<typeof container>): Promise<void> {
    app.services.alerts.engine.observe(dockerPoll(clock.now(), [c]));
    await app.services.alerts.engine.settled();
  }

  const kinds = (count: number) => receivedKinds(r, count);
  const active = (app: TestApp) => activeAlerts(app, admin);

  it('pending until "for" has passed, then firing with one message', async () => {
    await start({ forSeconds: 60 });
    await observe(t, exited());
    expect(await active(t)).toMatchObject([
      { status: 'pending', subjectName: 'web', host: 'nas', firingSince: null },
    ]);
    clock.advance(30_000);
    await observe(t, exited());
    expect((await active(t))[0]?.status).toBe('pending');
    clock.advance(31_000);
    await observe(t, exited());
    expect((await active(t))[0]).toMatchObject({
      status: 'firing',
      message: 'Container web on nas exited with code 137.',
    });
    await observe(t, exited());
    expect(await kinds(1)).toEqual(['firing']);
    expect(r.requests[0]?.json).toMatchObject({
      subject: { name: 'web', host: 'nas', key: expect.stringMatching(/^docker:h1\//) },
    });
  });

  it('a condition that clears while pending never fires', async () => {
    await start({ forSeconds: 60 });
    await observe(t, exited());
    clock.advance(30_000);
    await observe(t, running());
    clock.advance(60_000);
    await observe(t, running());
    expect(await active(t)).toEqual([]);
    await new Promise((res) => setTimeout(res, 200));
    expect(r.requests).toHaveLength(0);
  });

  it('flapping is damped and exactly one resolved message follows', async () => {
    await start({ resolveAfterSeconds: 120 });
    await observe(t, exited());
    expect(await kinds(1)).toEqual(['firing']);
    clock.advance(MIN);
    await observe(t, running());
    expect((await active(t))[0]?.clearSince).not.toBeNull();
    clock.advance(MIN);
    await observe(t, exited()); // relapse within 120 s: the same alert, nothing sent
    clock.advance(10_000);
    await observe(t, running());
    clock.advance(MIN);
    await observe(t, running());
    expect((await active(t))[0]?.status).toBe('firing');
    clock.advance(MIN + 1000);
    await observe(t, running());
    expect(await active(t)).toEqual([]);
    clock.advance(MIN);
    await observe(t, running());
    expect(await kinds(2)).toEqual(['firing', 'resolved']);
    const history = await t.app.inject({
      method: 'GET',
      url: '/api/alerts/history',
      headers: { cookie: admin },
    });
    expect(history.json<AlertHistory>().events.map((e) => e.kind)).toEqual(['resolved', 'firing']);
  });

  it("a resolved message waits while its alert's firing message is retried", async () => {
    const rig = await startAlertRig(
      dialect,
      { name: 'Exited', condition: { kind: 'container_exited' }, resolveAfterSeconds: 0 },
      // The first request (the firing message) fails once; everything after it is taken.
      { receiverStatus: (n) => (n === 0 ? 503 : 200), delivery: { backoffMs: 300, maxBackoffMs: 300 } },
    );
    ({ t, receiver: r, admin, clock } = rig);
    open.push(t);
    await observe(t, exited());
    await r.waitFor(1);
    clock.advance(MIN);
    await observe(t, running()); // resolved is queued while firing waits for its retry
    expect(await kinds(3)).toEqual(['firing', 'firing', 'resolved']);
  });

  it('repeats on its interval, and a mute holds until it ends', async () => {
    await start({ repeatMinutes: 10, resolveAfterSeconds: 0 });
    await observe(t, exited());
    expect(await kinds(1)).toEqual(['firing']);
    clock.advance(10 * MIN);
    await observe(t, exited());
    expect(await kinds(2)).toEqual(['firing', 'repeat']);
    const [alert] = await active(t);
    const until = new Date(clock.now().getTime() + 30 * MIN).toISOString();
    const muted = await t.app.inject({
      method: 'POST',
      url: `/api/alerts/active/${encodeURIComponent(alert?.id ?? '')}/mute`,
      headers: { cookie: admin },
      payload: { until },
    });
    expect(muted.json()).toMatchObject({ mutedUntil: until });
    for (let i = 0; i < 3; i++) {
      clock.advance(9 * MIN);
      await observe(t, exited());
    }
    await new Promise((res) => setTimeout(res, 200));
    expect(r.requests).toHaveLength(2);
    clock.advance(4 * MIN);
    await observe(t, exited());
    expect(await kinds(3)).toEqual(['firing', 'repeat', 'repeat']);
  });

  it('a restart during firing sends nothing twice; the resolved message comes once from the new instance', async () => {
    await start({ resolveAfterSeconds: 0 });
    await observe(t, exited());
    expect(await kinds(1)).toEqual(['firing']);
    await t.app.close();
    open.splice(open.indexOf(t), 1);
    const again = await createTestApp({ dialect, clock, database: t.database });
    open.push(again);
    expect((await active(again))[0]).toMatchObject({ status: 'firing', subjectName: 'web' });
    clock.advance(MIN);
    await observe(again, exited());
    clock.advance(MIN);
    await observe(again, exited());
    await new Promise((res) => setTimeout(res, 200));
    expect(r.requests).toHaveLength(1);
    await observe(again, running());
    await observe(again, running());
    expect(await kinds(2)).toEqual(['firing', 'resolved']);
  });

  it('the bell counts unread events per user and hears them live', async () => {
    await start({});
    await observe(t, exited());
    const inbox = (
      await t.app.inject({ method: 'GET', url: '/api/alerts/inbox', headers: { cookie: admin } })
    ).json<AlertInbox>();
    expect(inbox).toMatchObject({ unread: 1, lastReadId: 0 });
    expect(inbox.events[0]).toMatchObject({ kind: 'firing', ruleName: 'Exited', subjectName: 'web' });
    const read = await t.app.inject({
      method: 'POST',
      url: '/api/alerts/inbox/read',
      headers: { cookie: admin },
      payload: { upToId: inbox.events[0]?.id },
    });
    expect(read.statusCode).toBe(204);
    const after = (
      await t.app.inject({ method: 'GET', url: '/api/alerts/inbox', headers: { cookie: admin } })
    ).json<AlertInbox>();
    expect(after.unread).toBe(0);
  });
});

describe.each(dialects)('alert retention on %s', (dialect) => {
  it('prunes settled deliveries after 30 days and history after a year; queued deliveries stay', async () => {
    const clock = new ManualClock(new Date('2026-03-01T10:00:00.000Z'));
    const t = await createTestApp({ dialect, clock });
    try {
      const db = t.database.db;
      const row = (id: string, status: 'sent' | 'queued', at: string) => ({
        id,
        channel_id: 'c',
        event_id: null,
        title: 't',
        payload: '{}',
        status,
        attempts: 1,
        http_status: null,
        error: null,
        next_attempt_at: null,
        created_at: at,
        updated_at: at,
      });
      await db
        .insertInto('alert_deliveries')
        .values([
          row('old-sent', 'sent', '2026-01-01T00:00:00.000Z'),
          row('old-queued', 'queued', '2026-01-01T00:00:00.000Z'),
          row('new-sent', 'sent', '2026-02-20T00:00:00.000Z'),
        ])
        .execute();
      const event = (at: string) => ({
        at,
        kind: 'firing' as const,
        rule_id: 'r',
        rule_name: 'r',
        severity: 'warning',
        subject_key: 's',
        subject_name: 's',
        host: 'h',
        message: 'm',
      });
      await db
        .insertInto('alert_events')
        .values([event('2025-01-01T00:00:00.000Z'), event('2026-02-01T00:00:00.000Z')])
        .execute();
      await t.services.alerts.prune();
      const left = await db.selectFrom('alert_deliveries').select('id').orderBy('id').execute();
      expect(left.map((r) => r.id)).toEqual(['new-sent', 'old-queued']);
      const events = await db.selectFrom('alert_events').select('at').execute();
      expect(events.map((e) => e.at)).toEqual(['2026-02-01T00:00:00.000Z']);
    } finally {
      await t.close();
    }
  });
});
