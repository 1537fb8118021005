import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AgentContainerDetail,
  AgentHost,
  AgentHostContainers,
  AgentTokenList,
  AuditPage,
  IssuedAgentToken,
} from '@archnest/contract';
import { ManualClock } from '../../src/clock';
import { createUser, login, MEMBER_PASSWORD, setupAdmin } from '../helpers/accounts';
import { syntheticReport } from '../helpers/agent-report';
import { createTestApp, dialects, type TestApp } from '../helpers/test-app';

const INSTANCE_TOKEN = 'instance-token-0123456789abcdef';
const REPORT_URL = '/api/agents/docker/report';

describe.each(dialects)('agent ingest (%s)', (dialect) => {
  let t: TestApp;
  let clock: ManualClock;
  let admin: string;
  let member: string;

  beforeAll(async () => {
    clock = new ManualClock(new Date('2026-03-01T12:00:00.000Z'));
    t = await createTestApp({ dialect, clock, env: { ARCHNEST_AGENT_TOKEN: INSTANCE_TOKEN } });
    admin = await setupAdmin(t.app);
    await createUser(t.app, admin, 'viewer');
    member = await login(t.app, 'viewer', MEMBER_PASSWORD);
  });
  afterAll(async () => {
    await t?.close();
  });

  const post = (payload: string | Buffer, headers: Record<string, string> = {}, token = INSTANCE_TOKEN) =>
    t.app.inject({
      method: 'POST',
      url: REPORT_URL,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      payload,
    });
  const get = async <T>(url: string, cookie = member) => {
    const r = await t.app.inject({ url, headers: { cookie } });
    return { status: r.statusCode, body: r.json<T>() };
  };
  /** Everything stored about agents, to prove a refused report left it as it was. */
  const stored = async () => ({
    hosts: await t.database.db.selectFrom('agent_hosts').selectAll().orderBy('label').execute(),
    samples: await t.database.db
      .selectFrom('agent_samples')
      .selectAll()
      .orderBy('host_label')
      .orderBy('container_id')
      .orderBy('at')
      .execute(),
    tokens: await t.database.db.selectFrom('agent_tokens').selectAll().orderBy('id').execute(),
  });

  it('stores a gzip report, then computes CPU % from the next one', async () => {
    const first = await post(gzipSync(JSON.stringify(syntheticReport('web-1', 5, 1))), {
      'content-encoding': 'gzip',
    });
    expect(first.statusCode, first.body).toBe(202);
    expect(first.json()).toMatchObject({ hostLabel: 'web-1', containers: 5 });

    clock.advance(30_000);
    const second = await post(JSON.stringify(syntheticReport('web-1', 5, 2)));
    expect(second.statusCode).toBe(202);

    const hosts = await get<AgentHost[]>('/api/agents/hosts');
    expect(hosts.status).toBe(200);
    expect(hosts.body).toEqual([
      expect.objectContaining({
        label: 'web-1',
        containerCount: 5,
        runningCount: 5,
        stale: false,
        lastReportAt: '2026-03-01T12:00:30.000Z',
        firstReportAt: '2026-03-01T12:00:00.000Z',
        dockerVersion: '26.1.5',
        cpus: 4,
      }),
    ]);
    const list = await get<AgentHostContainers>('/api/agents/hosts/web-1/containers');
    const svc1 = list.body.containers.find((c) => c.name === 'svc-1')!;
    // Δcontainer 2 s of 100 s of system time on 4 CPUs.
    expect(svc1.cpuPercent).toBe(8);
    expect(svc1.memoryBytes).toBe(61e6);
    expect(svc1.recent).toHaveLength(2);
    expect(svc1.recent[0]!.cpuPercent).toBeNull();

    const detail = await get<AgentContainerDetail>('/api/agents/hosts/web-1/containers/svc-1');
    expect(detail.status).toBe(200);
    expect(detail.body.env).toContainEqual({ name: 'DB_PASSWORD', value: '***', masked: true });
    expect(detail.body.samples.map((s) => s.cpuPercent)).toEqual([null, 8]);
    expect(detail.body.mounts[0]).toMatchObject({ destination: '/data' });
    const byId = await get<AgentContainerDetail>(
      `/api/agents/hosts/web-1/containers/${detail.body.id.slice(0, 12)}`,
    );
    expect(byId.body.name).toBe('svc-1');
    expect((await get('/api/agents/hosts/web-1/containers/nope')).status).toBe(404);
    expect((await get('/api/agents/hosts/nowhere/containers')).status).toBe(404);
  });

  it('takes reports far above the app’s 256 KiB body limit, up to its own 5 MiB', async () => {
    const big = JSON.stringify(syntheticReport('big-host', 1500));
    expect(big.length).toBeGreaterThan(1024 * 1024);
    const r = await post(big);
    expect(r.statusCode, r.body).toBe(202);
    expect(r.json()).toMatchObject({ containers: 1500 });
  });

  it('masks secret-looking env again on the server whatever the agent sent', async () => {
    const report = syntheticReport('raw-agent', 1);
    report.containers[0]!.env = [
      { name: 'API_TOKEN', value: 'leaked-token-value', masked: false },
      { name: 'DATABASE_URL', value: 'postgres://app:leaked-pw@db/app', masked: false },
      { name: 'MODE', value: 'fast', masked: false },
    ];
    expect((await post(JSON.stringify(report))).statusCode).toBe(202);
    const detail = await get<AgentContainerDetail>('/api/agents/hosts/raw-agent/containers/svc-0');
    expect(detail.body.env).toEqual([
      { name: 'API_TOKEN', value: '***', masked: true },
      { name: 'DATABASE_URL', value: 'postgres://app:***@db/app', masked: true },
      { name: 'MODE', value: 'fast', masked: false },
    ]);
    const rows = await t.database.db.selectFrom('agent_hosts').select('containers').execute();
    expect(JSON.stringify(rows)).not.toContain('leaked');
  });

  it('refuses bad credentials and bad bodies with their status, leaving stored data unchanged', async () => {
    const before = await stored();
    const valid = JSON.stringify(syntheticReport('web-1', 2, 3));
    const cases: [string, Promise<{ statusCode: number; json: () => unknown }>, number, string][] = [
      ['wrong token', post(valid, {}, 'wrong-token-0123456789abcdef'), 401, 'agent_token_invalid'],
      [
        'no Authorization',
        t.app.inject({
          method: 'POST',
          url: REPORT_URL,
          headers: { 'content-type': 'application/json' },
          payload: valid,
        }),
        401,
        'agent_token_invalid',
      ],
      [
        'a session cookie instead of a token',
        t.app.inject({
          method: 'POST',
          url: REPORT_URL,
          headers: { 'content-type': 'application/json', cookie: admin },
          payload: valid,
        }),
        401,
        'agent_token_invalid',
      ],
      ['malformed JSON', post('{"hostLabel": "web-1",'), 400, 'invalid_request'],
      [
        'not gzip',
        post(Buffer.from('plainly not gzip'), { 'content-encoding': 'gzip' }),
        400,
        'invalid_request',
      ],
      ['unknown encoding', post(valid, { 'content-encoding': 'br' }), 415, 'invalid_request'],
      [
        'wrong types',
        post(JSON.stringify({ ...syntheticReport('web-1', 1), intervalSeconds: 'thirty' })),
        400,
        'invalid_request',
      ],
      [
        'a label that is not plain',
        post(JSON.stringify(syntheticReport('../etc', 1))),
        400,
        'invalid_request',
      ],
      [
        'the same container twice',
        post(
          JSON.stringify(
            (() => {
              const r = syntheticReport('web-1', 1);
              return { ...r, containers: [r.containers[0], r.containers[0]] };
            })(),
          ),
        ),
        400,
        'invalid_request',
      ],
      ['over 5 MiB of JSON', post(Buffer.alloc(5 * 1024 * 1024 + 10, 0x20)), 413, 'payload_too_large'],
      [
        'a gzip bomb',
        post(gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20)), { 'content-encoding': 'gzip' }),
        413,
        'payload_too_large',
      ],
    ];
    for (const [what, response, status, code] of cases) {
      const r = await response;
      expect(r.statusCode, what).toBe(status);
      expect(r.json(), what).toMatchObject({ error: code, message: expect.any(String) });
    }
    const typed = await post(JSON.stringify({ ...syntheticReport('web-1', 1), intervalSeconds: 'thirty' }));
    expect(typed.json<{ issues: { path: string[] }[] }>().issues[0]!.path).toEqual(['intervalSeconds']);
    expect(await stored()).toEqual(before);
  });

  it('issues per-host tokens that report only for their host, and refuses them once revoked', async () => {
    const issued = await t.app.inject({
      method: 'POST',
      url: '/api/agents/tokens',
      headers: { cookie: admin },
      payload: { hostLabel: 'db-1' },
    });
    expect(issued.statusCode).toBe(201);
    const token = issued.json<IssuedAgentToken>();
    expect(token.token).toMatch(/^ana_[A-Za-z0-9_-]{43}$/);

    const listed = await get<AgentTokenList>('/api/agents/tokens', admin);
    expect(listed.body.instanceTokenConfigured).toBe(true);
    expect(listed.body.tokens.map((x) => x.id)).toContain(token.id);
    expect(JSON.stringify(listed.body)).not.toContain(token.token);
    expect(JSON.stringify(listed.body)).not.toContain(INSTANCE_TOKEN);
    const row = await t.database.db
      .selectFrom('agent_tokens')
      .selectAll()
      .where('id', '=', token.id)
      .execute();
    expect(JSON.stringify(row)).not.toContain(token.token);

    expect((await post(JSON.stringify(syntheticReport('db-1', 1)), {}, token.token)).statusCode).toBe(202);
    const used = await get<AgentTokenList>('/api/agents/tokens', admin);
    expect(used.body.tokens.find((x) => x.id === token.id)?.lastUsedAt).toBe(clock.now().toISOString());

    const before = await stored();
    const other = await post(JSON.stringify(syntheticReport('web-1', 1)), {}, token.token);
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ error: 'agent_host_mismatch' });

    const revoke = await t.app.inject({
      method: 'DELETE',
      url: `/api/agents/tokens/${token.id}`,
      headers: { cookie: admin },
    });
    expect(revoke.statusCode).toBe(204);
    const refused = await post(JSON.stringify(syntheticReport('db-1', 1)), {}, token.token);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ error: 'agent_token_revoked' });
    const after = await stored();
    expect(after.hosts).toEqual(before.hosts);
    expect(after.samples).toEqual(before.samples);

    const audit = await get<AuditPage>('/api/admin/audit', admin);
    const actions = audit.body.entries.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['agent_token.issued', 'agent_token.revoked']));
    expect(JSON.stringify(audit.body)).not.toContain(token.token);
  });

  it('flags a host stale after twice its interval plus 20 s, and prunes samples past 24 h', async () => {
    clock.advance(30_000);
    expect((await post(JSON.stringify(syntheticReport('web-1', 5, 4)))).statusCode).toBe(202);
    clock.advance(80_000);
    let host = (await get<AgentHost[]>('/api/agents/hosts')).body.find((h) => h.label === 'web-1')!;
    expect(host.stale).toBe(false);
    clock.advance(1_000);
    host = (await get<AgentHost[]>('/api/agents/hosts')).body.find((h) => h.label === 'web-1')!;
    expect(host.stale).toBe(true);

    const count = async () =>
      (
        await t.database.db
          .selectFrom('agent_samples')
          .select('at')
          .where('host_label', '=', 'web-1')
          .execute()
      ).length;
    expect(await count()).toBe(15);
    clock.advance(24 * 3_600_000);
    expect((await post(JSON.stringify(syntheticReport('web-1', 5, 5)))).statusCode).toBe(202);
    expect(await count()).toBe(5);
    host = (await get<AgentHost[]>('/api/agents/hosts')).body.find((h) => h.label === 'web-1')!;
    expect(host.stale).toBe(false);
  });

  it('documents the ingest route in OpenAPI with its bearer scheme', async () => {
    const doc = (await t.app.inject({ url: '/api/openapi.json' })).json<{
      paths: Record<string, Record<string, { security?: unknown }>>;
      components: { securitySchemes: Record<string, unknown> };
    }>();
    expect(doc.paths['/api/agents/docker/report']?.post?.security).toEqual([{ agentToken: [] }]);
    expect(doc.components.securitySchemes.agentToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('lets an admin forget a host and its samples', async () => {
    const r = await t.app.inject({
      method: 'DELETE',
      url: '/api/agents/hosts/raw-agent',
      headers: { cookie: admin },
    });
    expect(r.statusCode).toBe(204);
    expect((await get('/api/agents/hosts/raw-agent/containers')).status).toBe(404);
  });
});

describe('agent ingest switched off', () => {
  it('answers 503 agent_ingest_disabled while no token could be accepted; a revoked one still hears 401', async () => {
    const t = await createTestApp();
    try {
      const admin = await setupAdmin(t.app);
      const report = JSON.stringify(syntheticReport('late', 1));
      const off = await t.app.inject({
        method: 'POST',
        url: REPORT_URL,
        headers: { 'content-type': 'application/json', authorization: 'Bearer anything-at-all-0123456789' },
        payload: report,
      });
      expect(off.statusCode).toBe(503);
      expect(off.json()).toMatchObject({ error: 'agent_ingest_disabled' });
      const listed = await t.app.inject({ url: '/api/agents/tokens', headers: { cookie: admin } });
      expect(listed.json()).toEqual({ instanceTokenConfigured: false, tokens: [] });
      const issued = await t.app.inject({
        method: 'POST',
        url: '/api/agents/tokens',
        headers: { cookie: admin },
        payload: { hostLabel: 'late' },
      });
      const { token, id } = issued.json<IssuedAgentToken>();
      const on = await t.app.inject({
        method: 'POST',
        url: REPORT_URL,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        payload: report,
      });
      expect(on.statusCode).toBe(202);
      await t.app.inject({ method: 'DELETE', url: `/api/agents/tokens/${id}`, headers: { cookie: admin } });
      const revoked = await t.app.inject({
        method: 'POST',
        url: REPORT_URL,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        payload: report,
      });
      expect(revoked.json()).toMatchObject({ error: 'agent_token_revoked' });
      const offAgain = await t.app.inject({
        method: 'POST',
        url: REPORT_URL,
        headers: { 'content-type': 'application/json', authorization: 'Bearer anything-at-all-0123456789' },
        payload: report,
      });
      expect(offAgain.statusCode).toBe(503);
    } finally {
      await t.close();
    }
  });
});
