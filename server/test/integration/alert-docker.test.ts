import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertInbox, Channel, DockerHost } from '@archnest/contract';
import { busyboxImage, runContainer, startDockerd, type DockerdServer } from '@archnest/test-support';
import { setupAdmin } from '../helpers/accounts';
import { startReceiver, type Receiver } from '../helpers/alert-receivers';
import { createTestApp, type TestApp } from '../helpers/test-app';

const POLL_MS = 30_000;
const SECRET = 'docker-test-signing-secret';

/** A real dockerd, polled by the Infrastructure pollers as in production; alerts ride on those polls. */
describe('alerts on a real dockerd', () => {
  let dockerd: DockerdServer;
  let t: TestApp;
  let r: Receiver;
  let admin: string;
  let host: DockerHost;

  beforeAll(async () => {
    dockerd = await startDockerd();
    const image = busyboxImage(dockerd.socketPath);
    runContainer(dockerd, { name: 'alert-web', image, stopTimeout: 1 });
    runContainer(dockerd, { name: 'alert-quiet', image, labels: { 'archnest.alert': 'false' } });
    runContainer(dockerd, { name: 'alert-user', image, stopTimeout: 1 });
    t = await createTestApp();
    admin = await setupAdmin(t.app);
    r = await startReceiver();
    const channel = await t.app.inject({
      method: 'POST',
      url: '/api/alert-channels',
      headers: { cookie: admin },
      payload: { kind: 'webhook', name: 'hook', secrets: { url: `${r.url}/in`, signingSecret: SECRET } },
    });
    const rule = await t.app.inject({
      method: 'POST',
      url: '/api/alert-rules',
      headers: { cookie: admin },
      payload: {
        name: 'Container died',
        condition: { kind: 'container_exited' },
        scope: { type: 'name', pattern: 'alert-*' },
        resolveAfterSeconds: 0,
        channelIds: [channel.json<Channel>().id],
      },
    });
    expect(rule.statusCode, rule.body).toBe(201);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/docker/hosts',
      headers: { cookie: admin },
      payload: { kind: 'engine-api', name: 'local', endpoint: `unix://${dockerd.socketPath}` },
    });
    expect(created.statusCode).toBe(201);
    host = created.json<DockerHost>();
    // The first poll sees everything running.
    await t.services.infrastructure.sync();
    await t.services.infrastructure.refresh(`docker:${host.id}`);
  }, 120_000);

  afterAll(async () => {
    await r?.close();
    await t?.close();
    await dockerd?.stop();
  }, 60_000);

  function verify(n: number): { kind: string; subject: { name: string; host: string } } {
    const req = r.requests[n];
    const ts = String(req?.headers['x-archnest-timestamp']);
    const expected = `sha256=${createHmac('sha256', SECRET).update(`${ts}.${req?.body}`).digest('hex')}`;
    expect(req?.headers['x-archnest-signature']).toBe(expected);
    return req?.json as { kind: string; subject: { name: string; host: string } };
  }

  it('a killed container fires a signed webhook within one poll interval; the bell shows it; a start resolves it', async () => {
    const stopped = await t.app.inject({
      method: 'POST',
      url: `/api/docker/hosts/${host.id}/containers/alert-user/stop`,
      headers: { cookie: admin },
    });
    expect(stopped.statusCode, stopped.body).toBe(204);
    dockerd.docker(['kill', 'alert-quiet']);
    dockerd.docker(['kill', 'alert-web']);
    const killedAt = Date.now();
    await r.waitFor(1, POLL_MS + 5000);
    expect(Date.now() - killedAt).toBeLessThan(POLL_MS + 5000);
    expect(verify(0)).toMatchObject({ kind: 'firing', subject: { name: 'alert-web', host: 'local' } });
    expect((r.requests[0]?.json as { message: string }).message).toBe(
      'Container alert-web on local exited with code 137.',
    );

    const inbox = await t.app.inject({ method: 'GET', url: '/api/alerts/inbox', headers: { cookie: admin } });
    expect(inbox.json<AlertInbox>()).toMatchObject({
      unread: 1,
      events: [{ kind: 'firing', subjectName: 'alert-web' }],
    });

    dockerd.docker(['start', 'alert-web']);
    await r.waitFor(2, POLL_MS + 5000);
    expect(verify(1)).toMatchObject({ kind: 'resolved', subject: { name: 'alert-web' } });
    // Neither the opted-out container nor the one a user stopped through ArchNest alerted.
    await t.services.infrastructure.refresh(`docker:${host.id}`);
    await t.services.alerts.engine.settled();
    await new Promise((res) => setTimeout(res, 300));
    expect(r.requests).toHaveLength(2);
  }, 120_000);
});
