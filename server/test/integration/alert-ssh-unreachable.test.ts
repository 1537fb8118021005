import { afterEach, describe, expect, it } from 'vitest';
import type { AlertRule } from '@archnest/contract';
import type { ManualClock } from '../../src/clock';
import { sshPoll } from '../helpers/alert-outcomes';
import type { Receiver } from '../helpers/alert-receivers';
import { activeAlerts, receivedKinds, startAlertRig } from '../helpers/alert-rig';
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
    const rig = await startAlertRig(dialect, {
      name: 'Unreachable',
      condition: { kind: 'ssh_host_unreachable' },
      ...rule,
    });
    ({ t, receiver: r, admin, clock } = rig);
    open.push(t);
    return rig.rule;
  }

  const down = () => [{ id: 'h1', name: 'bastion', state: 'down' as const, error: REFUSED }];
  const up = () => [{ id: 'h1', name: 'bastion', state: 'up' as const }];

  async function observe(app: TestApp, hosts: Parameters<typeof sshPoll>[1]): Promise<void> {
    app.services.alerts.engine.observe(sshPoll(clock.now(), hosts));
    await app.services.alerts.engine.settled();
  }

  const kinds = (count: number) => receivedKinds(r, count);
  const active = (app: TestApp) => activeAlerts(app, admin);

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
