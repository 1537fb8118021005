import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerEvent } from '@archnest/contract';
import { createUser, login, MEMBER_PASSWORD, setupAdmin } from '../helpers/accounts';
import { container, dockerPoll } from '../helpers/alert-outcomes';
import { createTestApp, type TestApp } from '../helpers/test-app';

/** The bell is live: every signed-in user's events socket hears each fired and resolved alert. */
describe('alert events on /api/events', () => {
  let t: TestApp;
  let base: string;
  let admin: string;
  let member: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    admin = await setupAdmin(t.app);
    await createUser(t.app, admin, 'watcher');
    member = await login(t.app, 'watcher', MEMBER_PASSWORD);
    const rule = await t.app.inject({
      method: 'POST',
      url: '/api/alert-rules',
      headers: { cookie: admin },
      payload: {
        name: 'Unhealthy',
        condition: { kind: 'container_unhealthy' },
        severity: 'critical',
        resolveAfterSeconds: 0,
      },
    });
    expect(rule.statusCode).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  function listen(cookie: string): Promise<{ socket: WebSocket; messages: ServerEvent[] }> {
    return new Promise((resolve, reject) => {
      const messages: ServerEvent[] = [];
      const socket = new WebSocket(`${base.replace('http', 'ws')}/api/events`, {
        headers: { cookie, origin: base },
      });
      socket.on('message', (data: Buffer) => {
        messages.push(JSON.parse(data.toString('utf8')) as ServerEvent);
        if (messages.length === 1) resolve({ socket, messages });
      });
      socket.on('error', reject);
    });
  }

  async function until(check: () => boolean): Promise<void> {
    const deadline = Date.now() + 5000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('pushes firing and resolved events to admins and members alike', async () => {
    const a = await listen(admin);
    const m = await listen(member);
    const engine = t.services.alerts.engine;
    engine.observe(dockerPoll(new Date(), [container({ name: 'db', health: 'unhealthy' })]));
    await engine.settled();
    engine.observe(dockerPoll(new Date(), [container({ name: 'db', health: 'healthy' })]));
    await engine.settled();
    for (const { messages } of [a, m]) {
      await until(() => messages.filter((e) => e.type === 'alert').length === 2);
      const alerts = messages.filter((e) => e.type === 'alert');
      expect(alerts.map((e) => [e.event.kind, e.event.ruleName, e.event.severity])).toEqual([
        ['firing', 'Unhealthy', 'critical'],
        ['resolved', 'Unhealthy', 'critical'],
      ]);
      expect(alerts[0]?.event.message).toBe('Container db on nas is unhealthy.');
    }
    a.socket.close();
    m.socket.close();
  });
});
