import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { acceptsApiKeys, endpoints, type User } from '@archnest/contract';
import type { RegisteredRoute } from '../../src/http/guard';
import { bearer, createApiKey } from '../helpers/api-keys';
import { createUser, login, MEMBER_PASSWORD, setupAdmin } from '../helpers/accounts';
import { createTestApp, type TestApp } from '../helpers/test-app';
import { enrolTwoFactor } from '../helpers/two-factor';
import { systemClock } from '../../src/clock';

const EXPECTED_PUBLIC = [
  'GET /*',
  'GET /agent/archnest-docker-agent.service',
  'GET /agent/archnest-docker-agent.sh',
  'GET /agent/archnest-docker-agent.timer',
  'GET /agent/install.sh',
  'GET /agent/pull/archnest-pull-agent.mjs',
  'GET /agent/pull/archnest-pull-agent.service',
  'GET /agent/pull/install.sh',
  'GET /api/auth/sso/callback',
  'GET /api/auth/sso/link',
  'GET /api/auth/sso/login',
  'GET /api/auth/status',
  'GET /api/openapi.json',
  'GET /healthz',
  'GET /metrics', // public for the guard; checks its own bearer token or admin session (metrics.test.ts)
  'HEAD /*',
  'HEAD /agent/archnest-docker-agent.service',
  'HEAD /agent/archnest-docker-agent.sh',
  'HEAD /agent/archnest-docker-agent.timer',
  'HEAD /agent/install.sh',
  'HEAD /agent/pull/archnest-pull-agent.mjs',
  'HEAD /agent/pull/archnest-pull-agent.service',
  'HEAD /agent/pull/install.sh',
  'HEAD /api/auth/sso/callback',
  'HEAD /api/auth/sso/link',
  'HEAD /api/auth/sso/login',
  'HEAD /api/auth/status',
  'HEAD /api/openapi.json',
  'HEAD /healthz',
  'HEAD /metrics',
  'POST /api/auth/login',
  'POST /api/auth/login/two-factor',
  'POST /api/auth/setup',
  'POST /api/auth/sso/link',
];

/** What a session held to two-factor enrolment may still reach. */
const ENROLMENT_ROUTES = [
  'GET /api/auth/me',
  'GET /api/auth/two-factor',
  'HEAD /api/auth/me',
  'HEAD /api/auth/two-factor',
  'POST /api/auth/logout',
  'POST /api/auth/two-factor/enrolment',
  'POST /api/auth/two-factor/enrolment/confirm',
];

function concreteUrl(url: string): string {
  return url.replace(/:([A-Za-z]+)/g, 'does-not-exist');
}

/** Walks every route the app registered and proves the guard answers for each before any handler runs. */
describe('route access', () => {
  let t: TestApp;
  let admin: string;
  let member: string;
  let revoked: string;
  let deactivated: string;
  let guarded: RegisteredRoute[];
  /** API keys: an admin's read-only key, a member's full key, a revoked and an expired one. */
  let keys: { adminRead: string; adminFull: string; memberFull: string; revoked: string; expired: string };

  beforeAll(async () => {
    const webDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-web-'));
    fs.writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>ArchNest</title>');
    t = await createTestApp({ env: { ARCHNEST_WEB_DIR: webDir } });
    admin = await setupAdmin(t.app);
    await createUser(t.app, admin, 'member1');
    member = await login(t.app, 'member1', MEMBER_PASSWORD);
    revoked = await login(t.app, 'member1', MEMBER_PASSWORD);
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: revoked } });
    const gone: User = await createUser(t.app, admin, 'leaver', 'admin');
    deactivated = await login(t.app, 'leaver', MEMBER_PASSWORD);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${gone.id}`,
      headers: { cookie: admin },
      payload: { active: false },
    });
    guarded = t.routes.filter((r) => r.access === 'user' || r.access === 'admin');
    const revokedKey = await createApiKey(t.app, member, 'full');
    await t.app.inject({
      method: 'DELETE',
      url: `/api/auth/api-keys/${revokedKey.id}`,
      headers: { cookie: member },
    });
    const expiredKey = await createApiKey(t.app, admin, 'full', 'expired', 1);
    await t.database.db
      .updateTable('api_keys')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', expiredKey.id)
      .execute();
    keys = {
      adminRead: (await createApiKey(t.app, admin, 'read')).key,
      adminFull: (await createApiKey(t.app, admin, 'full')).key,
      memberFull: (await createApiKey(t.app, member, 'full')).key,
      revoked: revokedKey.key,
      expired: expiredKey.key,
    };
  });
  afterAll(async () => {
    await t.close();
  });

  it('registers every contract endpoint, each with the access the contract declares', () => {
    for (const endpoint of Object.values(endpoints)) {
      const registered = t.routes.find((r) => r.method === endpoint.method && r.url === endpoint.path);
      expect(registered, `${endpoint.method} ${endpoint.path}`).toBeDefined();
      expect(registered?.access).toBe(endpoint.access);
    }
  });

  it('exposes exactly the expected public routes', () => {
    const publicRoutes = t.routes.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`);
    expect(publicRoutes.sort()).toEqual(EXPECTED_PUBLIC);
    expect(guarded.length).toBeGreaterThan(15);
  });

  it('takes no session on agent routes: only a bearer token, and ingest is off without one', async () => {
    const agentRoutes = t.routes.filter((r) => r.access === 'agent').map((r) => `${r.method} ${r.url}`);
    expect(agentRoutes).toEqual(['POST /api/agents/docker/report']);
    for (const cookie of [undefined, admin, member]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/agents/docker/report',
        headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
        payload: '{}',
      });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ error: 'agent_ingest_disabled' });
    }
    const withToken = await createTestApp({
      env: { ARCHNEST_AGENT_TOKEN: 'instance-token-0123456789abcdef' },
    });
    try {
      const adminCookie = await setupAdmin(withToken.app);
      for (const cookie of [undefined, adminCookie]) {
        const response = await withToken.app.inject({
          method: 'POST',
          url: '/api/agents/docker/report',
          headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
          payload: '{}',
        });
        expect(response.statusCode).toBe(401);
        expect(response.json()).toMatchObject({ error: 'agent_token_invalid' });
      }
    } finally {
      await withToken.close();
    }
  });

  it('serves the agent files as text and nothing else under /agent/', async () => {
    const script = await t.app.inject({ url: '/agent/archnest-docker-agent.sh' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toContain('text/plain');
    expect(script.body).toMatch(/^#!\/usr\/bin\/env bash/);
    expect((await t.app.inject({ url: '/agent/install.sh' })).body).toContain('archnest-docker-agent');
    expect((await t.app.inject({ url: '/agent/..%2fpackage.json' })).body).not.toContain('workspaces');
  });

  it('answers 401 to anonymous calls on every non-public route', async () => {
    for (const r of guarded) {
      const response = await t.app.inject({ method: r.method as 'GET', url: concreteUrl(r.url) });
      expect(response.statusCode, `${r.method} ${r.url}`).toBe(401);
      if (r.method !== 'HEAD')
        expect(response.json(), `${r.method} ${r.url}`).toMatchObject({ error: 'unauthorized' });
    }
  });

  it('answers 403 to a member on every admin route', async () => {
    const adminRoutes = guarded.filter((r) => r.access === 'admin');
    expect(adminRoutes.length).toBeGreaterThanOrEqual(7);
    for (const r of adminRoutes) {
      const response = await t.app.inject({
        method: r.method as 'GET',
        url: concreteUrl(r.url),
        headers: { cookie: member },
      });
      expect(response.statusCode, `${r.method} ${r.url}`).toBe(403);
    }
  });

  it('answers 401 to a revoked session and to a deactivated user’s session on every non-public route', async () => {
    for (const cookie of [revoked, deactivated]) {
      for (const r of guarded) {
        const response = await t.app.inject({
          method: r.method as 'GET',
          url: concreteUrl(r.url),
          headers: { cookie },
        });
        expect(response.statusCode, `${r.method} ${r.url}`).toBe(401);
      }
    }
  });

  it('takes API keys exactly where the contract says: never on WebSocket, key, session or password routes', () => {
    for (const endpoint of Object.values(endpoints)) {
      const registered = t.routes.find((r) => r.method === endpoint.method && r.url === endpoint.path);
      expect(registered?.apiKeys, `${endpoint.method} ${endpoint.path}`).toBe(acceptsApiKeys(endpoint));
    }
    expect(t.routes.filter((r) => r.websocket && r.apiKeys)).toEqual([]);
    expect(t.routes.filter((r) => (r.access === 'public' || r.access === 'agent') && r.apiKeys)).toEqual([]);
    const keyless = guarded.filter((r) => !r.apiKeys).map((r) => `${r.method} ${r.url}`);
    for (const route of [
      'POST /api/auth/api-keys',
      'GET /api/auth/api-keys',
      'DELETE /api/auth/api-keys/:id',
      'GET /api/admin/api-keys',
      'DELETE /api/admin/api-keys/:id',
      'POST /api/auth/password',
      'GET /api/auth/sessions',
      'DELETE /api/auth/sessions/:id',
      'POST /api/auth/logout',
    ]) {
      expect(keyless).toContain(route);
    }
  });

  it('answers 401 to a revoked and to an expired API key on every non-public route', async () => {
    for (const [name, key] of [
      ['api_key_revoked', keys.revoked],
      ['api_key_expired', keys.expired],
    ] as const) {
      for (const r of guarded) {
        const response = await t.app.inject({
          method: r.method as 'GET',
          url: concreteUrl(r.url),
          headers: bearer(key),
        });
        expect(response.statusCode, `${name} ${r.method} ${r.url}`).toBe(401);
        if (r.method !== 'HEAD')
          expect(response.json(), `${r.method} ${r.url}`).toMatchObject({ error: name });
      }
    }
  });

  it('answers 403 to a read-only key on every route that is not GET or HEAD', async () => {
    const writes = guarded.filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
    expect(writes.length).toBeGreaterThan(20);
    for (const r of writes) {
      const response = await t.app.inject({
        method: r.method as 'POST',
        url: concreteUrl(r.url),
        headers: { ...bearer(keys.adminRead), 'content-type': 'application/json' },
        payload: '{}',
      });
      expect(response.statusCode, `${r.method} ${r.url}`).toBe(403);
      expect(response.json<{ error: string }>().error).toBe(
        r.apiKeys ? 'key_read_only' : 'api_key_not_allowed',
      );
    }
  });

  it('answers 403 to a member’s key on every admin route, and to any key on key-less routes', async () => {
    for (const r of guarded.filter((g) => g.access === 'admin')) {
      const response = await t.app.inject({
        method: r.method as 'GET',
        url: concreteUrl(r.url),
        headers: { ...bearer(keys.memberFull), 'content-type': 'application/json' },
        ...(r.method === 'GET' || r.method === 'HEAD' ? {} : { payload: '{}' }),
      });
      expect(response.statusCode, `${r.method} ${r.url}`).toBe(403);
    }
    const keyless = guarded.filter((r) => !r.apiKeys);
    expect(keyless.filter((r) => r.websocket).length).toBeGreaterThanOrEqual(3);
    for (const r of keyless) {
      const response = await t.app.inject({
        method: r.method as 'GET',
        url: concreteUrl(r.url),
        headers: { ...bearer(keys.adminFull), 'content-type': 'application/json' },
        ...(r.method === 'GET' || r.method === 'HEAD' ? {} : { payload: '{}' }),
      });
      expect(response.statusCode, `${r.method} ${r.url}`).toBe(403);
      if (r.method !== 'HEAD')
        expect(response.json(), `${r.method} ${r.url}`).toMatchObject({ error: 'api_key_not_allowed' });
    }
  });

  it('refuses API keys on every WebSocket upgrade', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    const sockets = t.routes.filter((r) => r.websocket);
    expect(sockets.length).toBeGreaterThanOrEqual(3);
    for (const r of sockets) {
      const url = `ws://127.0.0.1:${address.port}${concreteUrl(r.url)}`;
      const refusal = await new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(url, {
          headers: { ...bearer(keys.adminFull), origin: `http://127.0.0.1:${address.port}` },
        });
        ws.on('unexpected-response', (_req, res) => {
          resolve(res.statusCode ?? 0);
          ws.terminate();
        });
        ws.on('open', () => {
          ws.close();
          reject(new Error(`${r.url} opened with an API key`));
        });
        ws.on('error', (err) => reject(err));
      });
      expect(refusal, r.url).toBe(403);
    }
  });

  it('finishes a two-factor login only with the pending-login cookie, never with a session', async () => {
    for (const cookie of [undefined, admin, member]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login/two-factor',
        headers: cookie ? { cookie } : {},
        payload: { code: '123456' },
      });
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ error: 'pending_login_expired' });
    }
  });

  it('holds a session to enrolment routes (403 two_factor_enrolment_required) while two-factor is required', async () => {
    // Pro, so no route is refused for its edition before the enrolment gate can answer.
    const held = await createTestApp({ env: { ARCHNEST_EDITION: 'pro' } });
    try {
      const owner = await setupAdmin(held.app);
      await enrolTwoFactor(held.app, owner, systemClock);
      const set = await held.app.inject({
        method: 'PUT',
        url: '/api/admin/two-factor',
        headers: { cookie: owner },
        payload: { requirement: 'admins' },
      });
      expect(set.statusCode).toBe(200);
      await createUser(held.app, owner, 'second-admin', 'admin');
      const cookie = await login(held.app, 'second-admin', MEMBER_PASSWORD);
      // Logout last: it ends the session the walk uses.
      const routes = held.routes.filter(
        (r) =>
          (r.access === 'user' || r.access === 'admin') && `${r.method} ${r.url}` !== 'POST /api/auth/logout',
      );
      const reachable: string[] = [];
      for (const r of routes) {
        // Our own Origin, so WebSocket routes pass the Origin check and meet the enrolment gate.
        const response = await held.app.inject({
          method: r.method as 'GET',
          url: concreteUrl(r.url),
          headers: { cookie, host: 'archnest.test', origin: 'http://archnest.test' },
        });
        const held403 =
          response.statusCode === 403 &&
          (r.method === 'HEAD' ||
            response.json<{ error: string }>().error === 'two_factor_enrolment_required');
        if (!held403) reachable.push(`${r.method} ${r.url}`);
      }
      const logout = await held.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
      expect(logout.statusCode).toBe(204);
      reachable.push('POST /api/auth/logout');
      expect(reachable.sort()).toEqual(ENROLMENT_ROUTES);
      expect(routes.length).toBeGreaterThan(ENROLMENT_ROUTES.length + 15);
    } finally {
      await held.close();
    }
  });

  it('keeps Docker image, volume and network changes to admins; members may read and preview', () => {
    const docker = t.routes.filter((r) =>
      /^\/api\/docker\/hosts\/:id\/(images|volumes|networks|prune|pull)/.test(r.url),
    );
    const changes = docker.filter((r) => r.method === 'DELETE' || r.method === 'POST' || r.websocket);
    expect(changes.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'DELETE /api/docker/hosts/:id/images/:ref',
      'DELETE /api/docker/hosts/:id/networks/:ref',
      'DELETE /api/docker/hosts/:id/volumes/:name',
      'GET /api/docker/hosts/:id/pull',
      'HEAD /api/docker/hosts/:id/pull',
      'POST /api/docker/hosts/:id/prune/images',
      'POST /api/docker/hosts/:id/prune/networks',
      'POST /api/docker/hosts/:id/prune/volumes',
    ]);
    for (const r of changes) expect(r.access, `${r.method} ${r.url}`).toBe('admin');
    const reads = docker.filter((r) => r.method === 'GET' && !r.websocket);
    expect(reads.length).toBe(9);
    for (const r of reads) expect(r.access, r.url).toBe('user');
  });

  it('lets the member through on user routes (the guard is not refusing everything)', async () => {
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie: member } });
    expect(me.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/users', headers: { cookie: admin } })).statusCode).toBe(200);
    // Home and reachability are `user` routes: a member gets their own filtered view.
    for (const url of ['/api/home', '/api/hosts/reachability'])
      expect((await t.app.inject({ url, headers: { cookie: member } })).statusCode, url).toBe(200);
  });

  it('gives members the all-hosts Containers table and log downloads, and only admins bulk actions', async () => {
    const routes = [
      ['GET /api/docker/containers', 'user'],
      ['POST /api/docker/containers/actions', 'admin'],
      ['GET /api/docker/hosts/:id/containers/:ref/logs/download', 'user'],
    ];
    for (const [key, access] of routes)
      expect(t.routes.find((r) => `${r.method} ${r.url}` === key)?.access, key).toBe(access);
    const table = await t.app.inject({ url: '/api/docker/containers', headers: { cookie: member } });
    expect(table.statusCode).toBe(200);
    expect(table.json()).toEqual({ hosts: [], containers: [] });
    const bulk = await t.app.inject({
      method: 'POST',
      url: '/api/docker/containers/actions',
      headers: { cookie: member },
      payload: { action: 'stop', targets: [{ hostId: 'x', ref: 'y' }] },
    });
    expect(bulk.statusCode).toBe(403);
    const download = await t.app.inject({
      url: '/api/docker/hosts/nope/containers/web/logs/download',
      headers: { cookie: member },
    });
    expect(download.statusCode).toBe(404);
    expect(download.json()).toMatchObject({ error: 'not_found' });
  });

  it('serves the web app for deep links but answers API misses with JSON 404', async () => {
    const deep = await t.app.inject({ url: '/settings?tab=security', headers: { accept: 'text/html' } });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('<title>ArchNest</title>');
    const miss = await t.app.inject({ url: '/api/nope' });
    expect(miss.statusCode).toBe(404);
    expect(miss.json()).toMatchObject({ error: 'not_found' });
    const traversal = await t.app.inject({ url: '/..%2f..%2fetc/passwd' });
    expect(traversal.body).not.toContain('root:');
  });
});
