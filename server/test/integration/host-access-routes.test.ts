import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  endpoints,
  LOGS_CLOSE,
  TERMINAL_CLOSE,
  type DockerHost,
  type Host,
  type InfraOverview,
  type KnownHostKey,
  type User,
} from '@archnest/contract';
import { createUser, login, MEMBER_PASSWORD, setupAdmin } from '../helpers/accounts';
import { TerminalClient } from '../helpers/terminal-client';
import { createTestApp, type TestApp } from '../helpers/test-app';

/** Ports nothing listens on: connections fail at once, and no host here is ever reached. */
const SECRET_PORT = 1;
const OPEN_PORT = 2;

const sample: Record<string, string> = { ref: 'web', action: 'start', tileId: 'ssh' };

/**
 * Walks every member-reachable route that names a host (SSH or Docker) and proves a member without
 * access gets exactly the answer a host that does not exist gets: 404, same code, same message.
 */
describe('per-host access on every route with a host in it', () => {
  let t: TestApp;
  let base: string;
  let admin: string;
  let alice: string;
  let bob: string;
  let secret: Host;
  let open: Host;
  let dockerSecret: DockerHost;
  let dockerOpen: DockerHost;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    admin = await setupAdmin(t.app);
    const aliceUser: User = await createUser(t.app, admin, 'alice');
    await createUser(t.app, admin, 'bob');
    alice = await login(t.app, 'alice', MEMBER_PASSWORD);
    bob = await login(t.app, 'bob', MEMBER_PASSWORD);
    const add = async (name: string, port: number, extra: object) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/hosts',
          headers: { cookie: admin },
          payload: {
            name,
            address: '127.0.0.1',
            port,
            username: 'ops',
            authMethod: 'password',
            password: 'pw',
            ...extra,
          },
        })
      ).json<Host>();
    secret = await add('secret-box', SECRET_PORT, { access: 'chosen', allowedUserIds: [aliceUser.id] });
    open = await add('open-box', OPEN_PORT, {});
    const addDocker = async (name: string, sshHostId: string) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/docker/hosts',
          headers: { cookie: admin },
          payload: { kind: 'ssh', name, sshHostId },
        })
      ).json<DockerHost>();
    dockerSecret = await addDocker('docker-secret', secret.id);
    dockerOpen = await addDocker('docker-open', open.id);
    const now = new Date().toISOString();
    for (const port of [SECRET_PORT, OPEN_PORT]) {
      await t.database.db
        .insertInto('known_host_keys')
        .values({
          id: randomUUID(),
          address: '127.0.0.1',
          port,
          algorithm: 'ED25519',
          fingerprint: `SHA256:fake-${port}`,
          public_key: 'AAAA',
          accepted_by: 'admin',
          accepted_at: now,
        })
        .execute();
    }
    await t.services.infrastructure.sync();
  });
  afterAll(async () => {
    await t?.close();
  });

  const memberRoutes = Object.entries(endpoints).filter(
    ([, e]) =>
      e.access === 'user' &&
      !('websocket' in e && e.websocket) &&
      (e.path.startsWith('/api/hosts/:id') || e.path.startsWith('/api/docker/hosts/:id')),
  );
  const bodies: Record<string, object> = {
    saveMyHostCredential: { kind: 'password', username: 'bob', password: 'guess' },
  };
  const request = (name: string, id: string, cookie: string) => {
    const e = endpoints[name as keyof typeof endpoints];
    const url = e.path.replace(/:([A-Za-z]+)/g, (_, p: string) => (p === 'id' ? id : (sample[p] ?? 'x')));
    const body = bodies[name];
    return t.app.inject({ method: e.method, url, headers: { cookie }, ...(body ? { payload: body } : {}) });
  };

  it('covers every member route that names a host', () => {
    expect(memberRoutes.map(([name]) => name).sort()).toEqual(
      [
        'getHost',
        'testHost',
        'getMyHostCredential',
        'saveMyHostCredential',
        'clearMyHostCredential',
        'listContainers',
        'inspectContainer',
        'containerLogs',
        'containerStats',
        'downloadContainerLogs',
        'listImages',
        'listVolumes',
        'listNetworks',
        'inspectImage',
        'inspectVolume',
        'inspectNetwork',
        'previewImagePrune',
        'previewVolumePrune',
        'previewNetworkPrune',
      ].sort(),
    );
  });

  it('answers a member without access exactly as for a host that does not exist', async () => {
    for (const [name, e] of memberRoutes) {
      const docker = e.path.startsWith('/api/docker/');
      const hidden = await request(name, docker ? dockerSecret.id : secret.id, bob);
      const missing = await request(name, randomUUID(), bob);
      expect(hidden.statusCode, name).toBe(404);
      expect(hidden.json(), name).toEqual(missing.json());
      expect(hidden.json<{ error: string }>().error, name).toBe(docker ? 'not_found' : 'host_not_found');
      expect(hidden.body, name).not.toContain('secret-box');
    }
  });

  it('lets the granted member and admins through on the same routes', async () => {
    for (const [name, e] of memberRoutes) {
      const docker = e.path.startsWith('/api/docker/');
      for (const cookie of [alice, admin]) {
        const answer = await request(name, docker ? dockerSecret.id : secret.id, cookie);
        // Past the access check: the host is reachable to them, so whatever follows is not host_not_found.
        const error = answer.body ? answer.json<{ error?: string }>().error : undefined;
        expect(error, name).not.toBe('host_not_found');
        expect(answer.statusCode, name).not.toBe(404);
        if (!docker && name !== 'saveMyHostCredential') expect(answer.statusCode, name).toBeLessThan(300);
      }
    }
    const mine = await request('saveMyHostCredential', secret.id, alice);
    expect(mine.json()).toMatchObject({ error: 'credential_mode_mismatch' });
  });

  it('filters the host list, Docker hosts, known host keys and the Infrastructure page', async () => {
    const get = async <T>(url: string, cookie: string) =>
      (await t.app.inject({ url, headers: { cookie } })).json<T>();
    expect((await get<Host[]>('/api/hosts', bob)).map((h) => h.id)).toEqual([open.id]);
    expect((await get<Host[]>('/api/hosts', alice)).map((h) => h.id).sort()).toEqual(
      [open.id, secret.id].sort(),
    );
    expect((await get<DockerHost[]>('/api/docker/hosts', bob)).map((h) => h.id)).toEqual([dockerOpen.id]);
    expect((await get<DockerHost[]>('/api/docker/hosts', alice)).length).toBe(2);
    // The all-hosts Containers table leaves the hidden Docker host out, as the host list does.
    const table = await t.app.inject({ url: '/api/docker/containers', headers: { cookie: bob } });
    expect(table.body).not.toContain(dockerSecret.id);
    expect(table.json<{ hosts: { key: string }[] }>().hosts.map((h) => h.key)).toEqual([
      `docker:${dockerOpen.id}`,
    ]);
    expect((await get<KnownHostKey[]>('/api/known-host-keys', bob)).map((k) => k.port)).toEqual([OPEN_PORT]);
    expect((await get<KnownHostKey[]>('/api/known-host-keys', alice)).length).toBe(2);

    const overview = await t.app.inject({ url: '/api/infrastructure', headers: { cookie: bob } });
    expect(overview.body).not.toContain(secret.id);
    expect(overview.body).not.toContain(dockerSecret.id);
    expect(overview.body).not.toContain('docker-secret');
    const bobView = overview.json<InfraOverview>();
    expect(bobView.tiles.find((x) => x.id === 'ssh')).toMatchObject({ memberCount: 1, summary: '1 host' });
    const adminView = await get<InfraOverview>('/api/infrastructure', admin);
    expect(adminView.tiles.find((x) => x.id === 'ssh')).toMatchObject({ memberCount: 2 });
    expect(adminView.sources.map((s) => s.id)).toContain(`docker:${dockerSecret.id}`);

    const tile = await t.app.inject({ url: '/api/infrastructure/tiles/ssh', headers: { cookie: bob } });
    expect(tile.body).not.toContain(secret.id);
    expect(tile.json<{ members: { id: string }[] }>().members.map((m) => m.id)).toEqual([open.id]);
    const aliceTile = await get<{ members: { id: string }[] }>('/api/infrastructure/tiles/ssh', alice);
    expect(aliceTile.members.length).toBe(2);
    for (const url of [
      `/api/infrastructure/tiles/docker:${dockerSecret.id}`,
      `/api/infrastructure/sources/docker:${dockerSecret.id}/refresh`,
    ]) {
      const method = url.endsWith('refresh') ? 'POST' : 'GET';
      const hidden = await t.app.inject({ method, url, headers: { cookie: bob } });
      const missing = await t.app.inject({
        method,
        url: url.replace(dockerSecret.id, randomUUID()),
        headers: { cookie: bob },
      });
      expect(hidden.statusCode, url).toBe(404);
      expect(hidden.json(), url).toEqual(missing.json());
    }
  });

  it('refuses the terminal socket and the log follow socket the same way as for a missing host', async () => {
    const openPane = async (hostId: string, cookie: string) => {
      const pane = new TerminalClient(`${base.replace('http', 'ws')}/api/terminal`, { cookie, origin: base });
      await pane.opened;
      pane.send({ type: 'open', hostId, tabId: 'tab', cols: 80, rows: 24 });
      const code = await pane.closed;
      return { code, error: pane.message('error') };
    };
    const hidden = await openPane(secret.id, bob);
    const missing = await openPane(randomUUID(), bob);
    expect(hidden.code).toBe(TERMINAL_CLOSE.protocolError);
    expect(hidden.error).toMatchObject({ error: 'host_not_found', message: 'Host was not found.' });
    expect(missing.error).toEqual(hidden.error);
    // Alice gets past the check and on to the connection, which fails at TCP.
    const granted = await openPane(secret.id, alice);
    expect(granted.error?.error).toBe('connect_tcp');

    const follow = async (id: string) => {
      const socket = new WebSocket(
        `${base.replace('http', 'ws')}/api/docker/hosts/${id}/containers/web/logs/follow`,
        { headers: { cookie: bob, origin: base } },
      );
      return new Promise<{ code: number; reason: string }>((resolve) =>
        socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
      );
    };
    const hiddenLogs = await follow(dockerSecret.id);
    expect(hiddenLogs).toEqual({ code: LOGS_CLOSE.notFound, reason: 'Docker host was not found.' });
    expect(await follow(randomUUID())).toEqual(hiddenLogs);
  });

  it('drops the SSH tile for a member who may use no SSH host at all', async () => {
    const restricted = await t.app.inject({
      method: 'PATCH',
      url: `/api/hosts/${open.id}`,
      headers: { cookie: admin },
      payload: { access: 'chosen', allowedUserIds: [] },
    });
    expect(restricted.statusCode).toBe(200);
    const overview = (
      await t.app.inject({ url: '/api/infrastructure', headers: { cookie: bob } })
    ).json<InfraOverview>();
    expect(overview.sources.map((x) => x.id)).not.toContain('ssh');
    expect(overview.tiles.map((x) => x.id)).not.toContain('ssh');
    const tile = await t.app.inject({ url: '/api/infrastructure/tiles/ssh', headers: { cookie: bob } });
    expect(tile.statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/hosts', headers: { cookie: bob } })).json()).toEqual([]);
    expect((await t.app.inject({ url: '/api/known-host-keys', headers: { cookie: bob } })).json()).toEqual(
      [],
    );
    expect((await t.app.inject({ url: '/api/docker/hosts', headers: { cookie: bob } })).json()).toEqual([]);
    // Alice keeps what she was granted.
    const alices = (
      await t.app.inject({ url: '/api/infrastructure/tiles/ssh', headers: { cookie: alice } })
    ).json<{ members: { id: string }[] }>();
    expect(alices.members.map((m) => m.id)).toEqual([secret.id]);
  });
});
