import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertRule, Channel, Subscriptions } from '@archnest/contract';
import { createUser, login, MEMBER_PASSWORD, setupAdmin } from '../helpers/accounts';
import { container, dockerPoll } from '../helpers/alert-outcomes';
import { startReceiver, type Receiver } from '../helpers/alert-receivers';
import { createTestApp, type TestApp } from '../helpers/test-app';

describe('alert API: members, subscriptions and secrets', () => {
  let t: TestApp;
  let admin: string;
  let member: string;
  let r: Receiver;
  let channel: Channel;
  let rule: AlertRule;
  const SECRET = 'member-never-sees-this-secret';

  beforeAll(async () => {
    t = await createTestApp();
    admin = await setupAdmin(t.app);
    await createUser(t.app, admin, 'mia');
    member = await login(t.app, 'mia', MEMBER_PASSWORD);
    r = await startReceiver();
    channel = (
      await t.app.inject({
        method: 'POST',
        url: '/api/alert-channels',
        headers: { cookie: admin },
        payload: {
          kind: 'webhook',
          name: 'mia phone',
          secrets: { url: `${r.url}/x?key=${SECRET}`, signingSecret: SECRET },
        },
      })
    ).json<Channel>();
    // No channels of its own: only subscriptions route it.
    rule = (
      await t.app.inject({
        method: 'POST',
        url: '/api/alert-rules',
        headers: { cookie: admin },
        payload: { name: 'Exited', condition: { kind: 'container_exited' }, resolveAfterSeconds: 0 },
      })
    ).json<AlertRule>();
  });
  afterAll(async () => {
    await r?.close();
    await t?.close();
  });

  it('a member reads rules and picks subscriptions, but never sees channel settings', async () => {
    expect((await t.app.inject({ url: '/api/alert-channels', headers: { cookie: member } })).statusCode).toBe(
      403,
    );
    expect((await t.app.inject({ url: '/api/alert-rules', headers: { cookie: member } })).statusCode).toBe(
      200,
    );
    const subs = await t.app.inject({ url: '/api/alerts/subscriptions', headers: { cookie: member } });
    expect(subs.json<Subscriptions>()).toEqual({
      rules: [{ id: rule.id, name: 'Exited', severity: 'warning', enabled: true }],
      channels: [{ id: channel.id, name: 'mia phone', kind: 'webhook', enabled: true }],
      subscriptions: [],
    });
    expect(subs.body).not.toContain(SECRET);
    const bad = await t.app.inject({
      method: 'PUT',
      url: '/api/alerts/subscriptions',
      headers: { cookie: member },
      payload: { subscriptions: [{ ruleId: rule.id, channelId: 'nope' }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid_request' });
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/alerts/subscriptions',
      headers: { cookie: member },
      payload: {
        subscriptions: [
          { ruleId: rule.id, channelId: channel.id },
          { ruleId: rule.id, channelId: channel.id },
        ],
      },
    });
    expect(put.json<Subscriptions>().subscriptions).toEqual([{ ruleId: rule.id, channelId: channel.id }]);
    // The admin's own subscriptions are separate.
    const adminSubs = await t.app.inject({ url: '/api/alerts/subscriptions', headers: { cookie: admin } });
    expect(adminSubs.json<Subscriptions>().subscriptions).toEqual([]);
  });

  it("a firing reaches the member's subscribed channel once; members cannot mute or change rules", async () => {
    const engine = t.services.alerts.engine;
    engine.observe(dockerPoll(new Date(), [container({ name: 'api', state: 'exited', exitCode: 2 })]));
    await engine.settled();
    await r.waitFor(1);
    expect(r.requests[0]?.json).toMatchObject({
      kind: 'firing',
      message: 'Container api on nas exited with code 2.',
    });
    const active = await t.app.inject({ url: '/api/alerts/active', headers: { cookie: member } });
    const [alert] = active.json<{ id: string }[]>();
    const mute = await t.app.inject({
      method: 'POST',
      url: `/api/alerts/active/${encodeURIComponent(alert?.id ?? '')}/mute`,
      headers: { cookie: member },
      payload: { until: null },
    });
    expect(mute.statusCode).toBe(403);
    const past = await t.app.inject({
      method: 'POST',
      url: `/api/alerts/active/${encodeURIComponent(alert?.id ?? '')}/mute`,
      headers: { cookie: admin },
      payload: { until: '2000-01-01T00:00:00Z' },
    });
    expect(past.statusCode).toBe(400);
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/alert-rules/${rule.id}`,
          headers: { cookie: member },
          payload: { enabled: false },
        })
      ).statusCode,
    ).toBe(403);
  });

  it('history filters by rule, kind and text; audit rows and responses carry no secret', async () => {
    const engine = t.services.alerts.engine;
    engine.observe(dockerPoll(new Date(), [container({ name: 'api' })]));
    await engine.settled();
    await r.waitFor(2);
    const all = await t.app.inject({ url: '/api/alerts/history', headers: { cookie: member } });
    expect(all.json<{ events: { kind: string }[] }>().events.map((e) => e.kind)).toEqual([
      'resolved',
      'firing',
    ]);
    const resolved = await t.app.inject({
      url: '/api/alerts/history?kind=resolved&q=API',
      headers: { cookie: member },
    });
    expect(resolved.json<{ events: unknown[] }>().events).toHaveLength(1);
    const none = await t.app.inject({
      url: `/api/alerts/history?ruleId=other&q=api`,
      headers: { cookie: member },
    });
    expect(none.json()).toEqual({ events: [], nextBefore: null });
    const paged = await t.app.inject({ url: '/api/alerts/history?limit=1', headers: { cookie: member } });
    const page1 = paged.json<{ events: { id: number }[]; nextBefore: number }>();
    expect(page1.nextBefore).toBe(page1.events[0]?.id);
    const audit = await t.app.inject({ url: '/api/admin/audit', headers: { cookie: admin } });
    expect(audit.body).toContain('alert_channel.created');
    expect(audit.body).not.toContain(SECRET);
    expect(
      JSON.stringify(await t.database.db.selectFrom('alert_channels').selectAll().execute()),
    ).not.toContain(SECRET);
  });
});

describe('alerts of a removed source', () => {
  it('go with it, silently, when the Docker host is deleted', async () => {
    const t = await createTestApp();
    try {
      const admin = await setupAdmin(t.app);
      await t.app.inject({
        method: 'POST',
        url: '/api/alert-rules',
        headers: { cookie: admin },
        payload: { name: 'Exited', condition: { kind: 'container_exited' } },
      });
      const host = await t.app.inject({
        method: 'POST',
        url: '/api/docker/hosts',
        headers: { cookie: admin },
        payload: { kind: 'engine-api', name: 'old', endpoint: 'unix:///nonexistent/docker.sock' },
      });
      expect(host.statusCode, host.body).toBe(201);
      const sourceId = `docker:${host.json<{ id: string }>().id}`;
      await t.services.infrastructure.sync();
      const engine = t.services.alerts.engine;
      engine.observe(
        dockerPoll(new Date(), [container({ name: 'gone', state: 'exited', exitCode: 1 })], sourceId, 'old'),
      );
      await engine.settled();
      expect(engine.active().map((a) => a.subjectName)).toEqual(['gone']);
      const removed = await t.app.inject({
        method: 'DELETE',
        url: `/api/docker/hosts/${host.json<{ id: string }>().id}`,
        headers: { cookie: admin },
      });
      expect(removed.statusCode).toBe(204);
      await t.services.infrastructure.sync();
      await engine.settled();
      expect(engine.active()).toEqual([]);
      expect(await t.database.db.selectFrom('alert_states').selectAll().execute()).toEqual([]);
      const history = await t.app.inject({ url: '/api/alerts/history', headers: { cookie: admin } });
      expect(history.json<{ events: { kind: string }[] }>().events.map((e) => e.kind)).toEqual(['firing']);
    } finally {
      await t.close();
    }
  });
});
