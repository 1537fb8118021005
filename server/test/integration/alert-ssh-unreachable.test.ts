import { afterEach, describe, expect, it } from 'vitest';
import type { ActiveAlert, AlertRule, Channel } from '@archnest/contract';
import { ManualClock } from '../../src/clock';
import { setupAdmin } from '../helpers/accounts';
import { sshPoll } from '../helpers/alert-outcomes';
import { startReceiver, type Receiver } from '../helpers/alert-receivers';
import { createTestApp, dialects, type TestApp } from '../helpers/test-app';

const MIN = 60_000;
const REFUSED = 'Connection refused: nothing listens on port 22.';

/** "SSH host unreachable" runs through the same state machine as every condition, on an injected clock. */
describe.each(dialects)('alert: SSH host unreachable on %s', (dialect) => {
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
    clock = new ManualClock(new Date('2026-03-01T10:00:00.000Z'));
    t = await createTestApp({ dialect, clock });
    open.push(t);
    admin = await setupAdmin(t.app);
    r = await startReceiver();
    const channel = await t.app.inject({
      method: 'POST',
      url: '/api/alert-channels',
      headers: { cookie: admin },
      payload: { kind: 'webhook', name: 'hook', secrets: { url: r.url, signingSecret: 'k'.repeat(20) } },
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/alert-rules',
      headers: { cookie: admin },
      payload: {
        name: 'Unreachable',
        condition: { kind: 'ssh_host_unreachable' },
        channelIds: [channel.json<Channel>().id],
        ...rule,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<AlertRule>();
  }

  const down = () => [{ id: 'h1', name: 'bastion', state: 'down' as const, error: REFUSED }];
  const up = () => [{ id: 'h1', name: 'bastion', state: 'up' as const }];

  async function observe(app: TestApp, hosts: Parameters<typeof sshPoll>[1]): Promise<void> {
    app.services.alerts.engine.observe(sshPoll(clock.now(), hosts));
    await app.services.alerts.engine.settled();
  }

  async function kinds(count: number): Promise<string[]> {
    await r.waitFor(count);
    await new Promise((res) => setTimeout(res, 100));
    return r.requests.map((q) => (q.json as { kind: string }).kind);
  }

  async function active(app: TestApp): Promise<ActiveAlert[]> {
    return (
      await app.app.inject({ method: 'GET', url: '/api/alerts/active', headers: { cookie: admin } })
    ).json();
  }

  it('pending until "for" has passed, then firing with the check\'s reason', async () => {
    await start({ forSeconds: 120 });
    await observe(t, down());
    expect(await active(t)).toMatchObject([
      { status: 'pending', subjectKey: 'ssh/h1', subjectName: 'bastion' },
    ]);
    clock.advance(MIN);
    await observe(t, down());
    expect((await active(t))[0]?.status).toBe('pending');
    clock.advance(MIN + 1000);
    await observe(t, down());
    expect((await active(t))[0]).toMatchObject({
      status: 'firing',
      message: `SSH host bastion is unreachable: ${REFUSED}`,
    });
    expect(await kinds(1)).toEqual(['firing']);
  });

  it('a host not checked (or behind a jump host) never fires; one that comes back while pending never fires', async () => {
    await start({ forSeconds: 60 });
    await observe(t, [{ id: 'h1', name: 'bastion', state: 'not checked' }]);
    expect(await active(t)).toEqual([]);
    await observe(t, down());
    clock.advance(30_000);
    await observe(t, up());
    clock.advance(MIN);
    await observe(t, up());
    expect(await active(t)).toEqual([]);
    await new Promise((res) => setTimeout(res, 200));
    expect(r.requests).toHaveLength(0);
  });

  it('flapping is damped and exactly one resolved message follows', async () => {
    await start({ resolveAfterSeconds: 120 });
    await observe(t, down());
    // Two deliveries may be in flight at once per channel, so the firing one is awaited before the
    // resolved one can be queued (docs/alerts.md, Delivery: order).
    expect(await kinds(1)).toEqual(['firing']);
    clock.advance(MIN);
    await observe(t, up());
    clock.advance(MIN);
    await observe(t, down()); // back down within 120 s: the same alert, nothing sent
    clock.advance(10_000);
    await observe(t, up());
    clock.advance(MIN);
    await observe(t, up());
    expect((await active(t))[0]?.status).toBe('firing');
    clock.advance(MIN + 1000);
    await observe(t, up());
    expect(await active(t)).toEqual([]);
    clock.advance(MIN);
    await observe(t, up());
    expect(await kinds(2)).toEqual(['firing', 'resolved']);
  });

  it('a mute holds; a restart during firing sends nothing twice; a removed host clears', async () => {
    await start({ resolveAfterSeconds: 0, repeatMinutes: 10 });
    await observe(t, down());
    expect(await kinds(1)).toEqual(['firing']);
    const [alert] = await active(t);
    const until = new Date(clock.now().getTime() + 30 * MIN).toISOString();
    const muted = await t.app.inject({
      method: 'POST',
      url: `/api/alerts/active/${encodeURIComponent(alert?.id ?? '')}/mute`,
      headers: { cookie: admin },
      payload: { until },
    });
    expect(muted.statusCode).toBe(200);
    clock.advance(11 * MIN);
    await observe(t, down()); // a repeat is due, but muted
    await new Promise((res) => setTimeout(res, 200));
    expect(r.requests).toHaveLength(1);

    await t.app.close();
    open.splice(open.indexOf(t), 1);
    const again = await createTestApp({ dialect, clock, database: t.database });
    open.push(again);
    expect((await active(again))[0]).toMatchObject({
      status: 'firing',
      subjectName: 'bastion',
      mutedUntil: until,
    });
    clock.advance(MIN);
    await observe(again, down());
    await new Promise((res) => setTimeout(res, 200));
    expect(r.requests).toHaveLength(1);
    // The host is deleted: the next good poll no longer lists it, so the alert is clear (resolved
    // silently while muted).
    await observe(again, []);
    expect(await active(again)).toEqual([]);
    await new Promise((res) => setTimeout(res, 200));
    expect(r.requests).toHaveLength(1);
  });
});
