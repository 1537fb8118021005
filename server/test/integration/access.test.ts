import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints, type User } from '@archnest/contract';
import type { RegisteredRoute } from '../../src/http/guard';
import { createUser, login, MEMBER_PASSWORD, setupAdmin } from '../helpers/accounts';
import { createTestApp, type TestApp } from '../helpers/test-app';

const EXPECTED_PUBLIC = [
  'GET /*',
  'GET /agent/archnest-docker-agent.service',
  'GET /agent/archnest-docker-agent.sh',
  'GET /agent/archnest-docker-agent.timer',
  'GET /agent/install.sh',
  'GET /api/auth/status',
  'GET /api/openapi.json',
  'GET /healthz',
  'HEAD /*',
  'HEAD /agent/archnest-docker-agent.service',
  'HEAD /agent/archnest-docker-agent.sh',
  'HEAD /agent/archnest-docker-agent.timer',
  'HEAD /agent/install.sh',
  'HEAD /api/auth/status',
  'HEAD /api/openapi.json',
  'HEAD /healthz',
  'POST /api/auth/login',
  'POST /api/auth/setup',
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

  it('declares the pro feature on every guest power route, and the community edition refuses them', async () => {
    const gated = t.routes
      .filter((r) => r.feature === 'proxmoxPowerActions')
      .map((r) => `${r.method} ${r.url}`);
    expect(gated.sort()).toEqual([
      'GET /api/integrations/:id/tasks',
      'GET /api/integrations/:id/tasks/:taskId',
      'HEAD /api/integrations/:id/tasks',
      'HEAD /api/integrations/:id/tasks/:taskId',
      'POST /api/integrations/:id/nodes/:node/guests/:guestType/:vmid/power',
    ]);
    for (const r of t.routes.filter((x) => x.feature === 'proxmoxPowerActions')) {
      expect(r.access, r.url).toBe('admin');
      const response = await t.app.inject({
        method: r.method as 'GET',
        url: concreteUrl(r.url),
        headers: { cookie: admin },
      });
      expect(response.statusCode, r.url).toBe(403);
      if (r.method !== 'HEAD') expect(response.json(), r.url).toMatchObject({ error: 'feature_unavailable' });
    }
  });

  it('lets the member through on user routes (the guard is not refusing everything)', async () => {
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie: member } });
    expect(me.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/users', headers: { cookie: admin } })).statusCode).toBe(200);
  });

  it('serves the web app for deep links but answers API misses with JSON 404', async () => {
    const deep = await t.app.inject({ url: '/settings?tab=security' });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('<title>ArchNest</title>');
    const miss = await t.app.inject({ url: '/api/nope' });
    expect(miss.statusCode).toBe(404);
    expect(miss.json()).toMatchObject({ error: 'not_found' });
    const traversal = await t.app.inject({ url: '/..%2f..%2fetc/passwd' });
    expect(traversal.body).not.toContain('root:');
  });
});
