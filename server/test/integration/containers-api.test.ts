import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  WS_CLOSE_SESSION_ENDED,
  type AuditPage,
  type ContainerDetail,
  type DockerHost,
  type HostContainers,
  type LogChunk,
} from '@archnest/contract';
import {
  busyboxImage,
  freePort,
  runContainer,
  startDockerd,
  type DockerdServer,
} from '@archnest/test-support';
import { createUser, login, MEMBER_PASSWORD, setupAdmin } from '../helpers/accounts';
import { TerminalClient } from '../helpers/terminal-client';
import { createTestApp, type TestApp } from '../helpers/test-app';

/** The Containers API end to end: HTTP routes → service → Engine API source → a real dockerd. */
describe('containers API over a real dockerd', () => {
  let dockerd: DockerdServer;
  let t: TestApp;
  let base: string;
  let admin: string;
  let member: string;
  let host: DockerHost;

  beforeAll(async () => {
    dockerd = await startDockerd();
    const image = busyboxImage(dockerd.socketPath);
    runContainer(dockerd, {
      name: 'api-web',
      image,
      env: { DB_PASSWORD: 'hunter2-api', PLAIN: 'visible' },
      labels: { tier: 'front' },
      stopTimeout: 1,
    });
    runContainer(dockerd, { name: 'api-idle', image, createOnly: true });
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    admin = await setupAdmin(t.app);
    await createUser(t.app, admin, 'viewer');
    member = await login(t.app, 'viewer', MEMBER_PASSWORD);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/docker/hosts',
      headers: { cookie: admin },
      payload: { kind: 'engine-api', name: 'local', endpoint: `unix://${dockerd.socketPath}` },
    });
    expect(created.statusCode).toBe(201);
    host = created.json<DockerHost>();
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await dockerd?.stop();
  }, 60_000);

  const get = <T>(url: string, cookie = member) =>
    t.app.inject({ url, headers: { cookie } }).then((r) => ({ status: r.statusCode, body: r.json<T>() }));

  it('lists containers for any signed-in user, with filters, and masks secret env everywhere', async () => {
    const all = await get<HostContainers>(`/api/docker/hosts/${host.id}/containers`);
    expect(all.status).toBe(200);
    expect(all.body.error).toBeNull();
    expect(all.body.containers.map((c) => c.name).sort()).toEqual(['api-idle', 'api-web']);
    const running = await get<HostContainers>(`/api/docker/hosts/${host.id}/containers?all=false`);
    expect(running.body.containers.map((c) => c.name)).toEqual(['api-web']);
    const filtered = await get<HostContainers>(`/api/docker/hosts/${host.id}/containers?label=tier%3Dfront`);
    expect(filtered.body.containers.map((c) => c.name)).toEqual(['api-web']);

    const detail = await get<ContainerDetail>(`/api/docker/hosts/${host.id}/containers/api-web`);
    expect(detail.body.env).toEqual(
      expect.arrayContaining([
        { name: 'DB_PASSWORD', value: '***', masked: true },
        { name: 'PLAIN', value: 'visible', masked: false },
      ]),
    );
    expect(JSON.stringify(detail.body)).not.toContain('hunter2-api');
  });

  it('serves logs, stats, images, volumes and networks', async () => {
    const logs = await get<LogChunk[]>(`/api/docker/hosts/${host.id}/containers/api-web/logs?tail=5`);
    expect(logs.body.map((c) => c.text).join('')).toContain('tick');
    const stats = await get<{ memoryBytes?: number; cpuPercent?: number }>(
      `/api/docker/hosts/${host.id}/containers/api-web/stats`,
    );
    expect(stats.status).toBe(200);
    expect(stats.body.memoryBytes).toBeGreaterThan(0);
    expect(typeof stats.body.cpuPercent).toBe('number');
    const images = await get<{ tags: string[] }[]>(`/api/docker/hosts/${host.id}/images`);
    expect(images.body.flatMap((i) => i.tags)).toContain('archnest-busybox:test');
    expect((await get(`/api/docker/hosts/${host.id}/volumes`)).status).toBe(200);
    const networks = await get<{ name: string }[]>(`/api/docker/hosts/${host.id}/networks`);
    expect(networks.body.map((n) => n.name)).toContain('host');
  });

  it('follows logs over a WebSocket', async () => {
    const socket = new WebSocket(
      `${base.replace('http', 'ws')}/api/docker/hosts/${host.id}/containers/api-web/logs/follow?tail=0`,
      {
        headers: { cookie: member, origin: base },
      },
    );
    const chunks: LogChunk[] = [];
    socket.on('message', (data: Buffer) => chunks.push(JSON.parse(data.toString('utf8')) as LogChunk));
    await new Promise((resolve) => socket.once('open', resolve));
    for (let i = 0; i < 100 && !chunks.some((c) => c.text.includes('tick')); i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(chunks.some((c) => c.text.includes('tick'))).toBe(true);
    socket.close();
  });

  it('closes a followed log with 4401 the moment its sign-in ends', async () => {
    const cookie = await login(t.app, 'viewer', MEMBER_PASSWORD);
    const socket = new WebSocket(
      `${base.replace('http', 'ws')}/api/docker/hosts/${host.id}/containers/api-web/logs/follow?tail=0`,
      { headers: { cookie, origin: base } },
    );
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await new Promise((resolve) => socket.once('open', resolve));
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(await closed).toBe(WS_CLOSE_SESSION_ENDED);
  });

  it('lets only admins act, audits every action with its result, and refuses bad references', async () => {
    const url = `/api/docker/hosts/${host.id}/containers/api-web`;
    expect(
      (await t.app.inject({ method: 'POST', url: `${url}/stop`, headers: { cookie: member } })).statusCode,
    ).toBe(403);
    expect(
      (await t.app.inject({ method: 'POST', url: `${url}/stop`, headers: { cookie: admin } })).statusCode,
    ).toBe(204);
    expect((await get<ContainerDetail>(url)).body.state).toBe('exited');
    expect(
      (await t.app.inject({ method: 'POST', url: `${url}/start`, headers: { cookie: admin } })).statusCode,
    ).toBe(204);
    expect((await get<ContainerDetail>(url)).body.state).toBe('running');
    const missing = await t.app.inject({
      method: 'POST',
      url: `/api/docker/hosts/${host.id}/containers/no-such/restart`,
      headers: { cookie: admin },
    });
    expect(missing.statusCode).toBe(404);
    const evil = await t.app.inject({
      method: 'POST',
      url: `/api/docker/hosts/${host.id}/containers/${encodeURIComponent('-rf')}/remove`,
      headers: { cookie: admin },
    });
    expect(evil.statusCode).toBe(400);
    const verb = await t.app.inject({ method: 'POST', url: `${url}/kill`, headers: { cookie: admin } });
    expect(verb.statusCode).toBe(400);
    const audit = (
      await t.app.inject({ url: '/api/admin/audit', headers: { cookie: admin } })
    ).json<AuditPage>();
    const actions = audit.entries
      .filter((e) => e.action.startsWith('container.'))
      .map((e) => [e.action, e.detail.result]);
    expect(actions.slice(0, 4)).toEqual([
      ['container.remove', 'failed'],
      ['container.restart', 'failed'],
      ['container.start', 'ok'],
      ['container.stop', 'ok'],
    ]);
  });

  it('answers for a host that is down within the bounded time, without failing the request', async () => {
    const down = (
      await t.app.inject({
        method: 'POST',
        url: '/api/docker/hosts',
        headers: { cookie: admin },
        payload: { kind: 'engine-api', name: 'down', endpoint: `tcp://127.0.0.1:${await freePort()}` },
      })
    ).json<DockerHost>();
    const started = Date.now();
    const answer = await get<HostContainers>(`/api/docker/hosts/${down.id}/containers`);
    expect(Date.now() - started).toBeLessThan(6000);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      containers: [],
      error: 'Cannot reach Docker on down: the connection was refused.',
    });
    const test = await t.app.inject({
      method: 'POST',
      url: `/api/docker/hosts/${down.id}/test`,
      headers: { cookie: admin },
    });
    expect(test.json()).toMatchObject({ ok: false, containers: null });
    const inspect = await t.app.inject({
      url: `/api/docker/hosts/${down.id}/containers/x`,
      headers: { cookie: member },
    });
    expect(inspect.statusCode).toBe(503);
    expect(inspect.json()).toMatchObject({ error: 'docker_unavailable' });
  });

  it('opens an exec console for admins through the terminal socket, and refuses members', async () => {
    const console = new TerminalClient(`${base.replace('http', 'ws')}/api/terminal`, {
      cookie: admin,
      origin: base,
    });
    await console.opened;
    console.send({ type: 'exec', dockerHostId: host.id, ref: 'api-web', tabId: 'exec', cols: 80, rows: 24 });
    await console.until(() => console.message('ready') !== undefined, 'exec ready');
    console.type('echo inside-$((20+22))\r');
    await console.until(() => console.text().includes('inside-42'), 'exec output');
    console.send({ type: 'close' });
    await console.closed;

    const refused = new TerminalClient(`${base.replace('http', 'ws')}/api/terminal`, {
      cookie: member,
      origin: base,
    });
    await refused.opened;
    refused.send({ type: 'exec', dockerHostId: host.id, ref: 'api-web', tabId: 'exec', cols: 80, rows: 24 });
    await refused.until(() => refused.message('error') !== undefined, 'refusal');
    expect(refused.message('error')).toMatchObject({ error: 'forbidden' });
    const audit = (
      await t.app.inject({ url: '/api/admin/audit?action=container.exec', headers: { cookie: admin } })
    ).json<AuditPage>();
    expect(audit.entries[0]).toMatchObject({
      actorName: 'admin',
      targetId: 'api-web',
      detail: { result: 'ok' },
    });
  });

  it('validates Docker host input and keeps TLS keys sealed', async () => {
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/docker/hosts',
      headers: { cookie: admin },
      payload: { kind: 'engine-api', name: 'x', endpoint: 'http://evil' },
    });
    expect(bad.statusCode).toBe(400);
    const halfTls = await t.app.inject({
      method: 'POST',
      url: '/api/docker/hosts',
      headers: { cookie: admin },
      payload: {
        kind: 'engine-api',
        name: 'tls',
        endpoint: 'tcp://127.0.0.1:2376',
        clientCert: '-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----',
      },
    });
    expect(halfTls.json()).toMatchObject({ error: 'invalid_request' });
    const noSsh = await t.app.inject({
      method: 'POST',
      url: '/api/docker/hosts',
      headers: { cookie: admin },
      payload: { kind: 'ssh', name: 's', sshHostId: 'missing' },
    });
    expect(noSsh.json().message).toContain('SSH host does not exist');
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/docker/hosts',
          headers: { cookie: member },
          payload: { kind: 'engine-api', name: 'm', endpoint: 'tcp://h:1' },
        })
      ).statusCode,
    ).toBe(403);
  });
});
