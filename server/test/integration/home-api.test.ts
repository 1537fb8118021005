import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host, HomeSummary } from '@archnest/contract';
import { freePort, startSshd, type SshdServer } from '@archnest/test-support';
import { TerminalAuditRepo } from '../../src/modules/terminal/terminal-audit.repo';
import { createUser, login, MEMBER_PASSWORD, setupAdmin } from '../helpers/accounts';
import { syntheticReport } from '../helpers/agent-report';
import { createTestApp, dialects, type TestApp } from '../helpers/test-app';

const AGENT_TOKEN = 'agent-token-for-home-tests-0123456789';

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out; last value ${JSON.stringify(v)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** `GET /api/home`: onboarding from server data, per-source counts, recent hosts and problems, per user. */
describe.each(dialects)('Home summary (%s)', (dialect) => {
  let t: TestApp;
  let sshd: SshdServer;
  let admin: string;
  let member: string;
  let memberId: string;

  beforeAll(async () => {
    sshd = await startSshd();
    t = await createTestApp({
      dialect,
      env: {
        ARCHNEST_AGENT_TOKEN: AGENT_TOKEN,
        ARCHNEST_SSH_REACHABILITY_INTERVAL_MS: '3600000',
        ARCHNEST_SSH_REACHABILITY_TIMEOUT_MS: '3000', // a loaded machine's sshd can be slow to greet
      },
    });
    admin = await setupAdmin(t.app);
    memberId = (await createUser(t.app, admin, 'viewer')).id;
    member = await login(t.app, 'viewer', MEMBER_PASSWORD);
  });
  afterAll(async () => {
    await t?.close();
    await sshd?.stop();
  });

  const home = async (cookie: string) => {
    const r = await t.app.inject({ url: '/api/home', headers: { cookie } });
    expect(r.statusCode, r.body).toBe(200);
    return r.json<HomeSummary>();
  };
  const steps = (h: HomeSummary) => Object.fromEntries(h.onboarding.map((s) => [s.key, s.done]));

  it('an empty instance: every step open, nothing counted, nothing wrong', async () => {
    const h = await home(admin);
    expect(h.canSetUp).toBe(true);
    expect(steps(h)).toEqual({ ssh_host: false, docker_host: false, integration: false, agent: false });
    expect(h.onboarding.find((s) => s.key === 'ssh_host')?.href).toBe('/settings?tab=hosts&add=1');
    expect(h.totals).toEqual({
      hosts: { total: 0, up: 0, down: 0 },
      containers: { running: 0, stopped: 0, unhealthy: 0 },
      guests: { running: 0, stopped: 0 },
      monitors: { up: 0, down: 0 },
    });
    expect(h).toMatchObject({ sources: [], recentHosts: [], sessions: [], problems: [] });
    expect((await home(member)).canSetUp).toBe(false);
  });

  it('steps tick off from server data; counts, recent hosts and problems follow; a member sees only theirs', async () => {
    const add = async (body: Record<string, unknown>) => {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/hosts',
        headers: { cookie: admin },
        payload: { address: '127.0.0.1', username: 'ops', authMethod: 'password', password: 'pw', ...body },
      });
      expect(r.statusCode, r.body).toBe(201);
      return r.json<Host>();
    };
    const closedPort = await freePort();
    const up = await add({ name: 'real', port: sshd.port });
    const down = await add({ name: 'gone', port: closedPort, access: 'chosen' });
    await t.services.reachability.checkAll();

    // An agent reports 10 containers: 9 running, 1 exited, 1 unhealthy.
    const report = syntheticReport('edge', 10);
    report.containers[0]!.health = 'unhealthy';
    report.containers[0]!.status = 'Up 3 hours (unhealthy)';
    const sent = await t.app.inject({
      method: 'POST',
      url: '/api/agents/docker/report',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${AGENT_TOKEN}` },
      payload: report,
    });
    expect(sent.statusCode, sent.body).toBe(202);
    // A Docker host whose socket does not exist: its source fails.
    const docker = await t.app.inject({
      method: 'POST',
      url: '/api/docker/hosts',
      headers: { cookie: admin },
      payload: { kind: 'engine-api', name: 'broken', endpoint: 'unix:///nonexistent/docker.sock' },
    });
    expect(docker.statusCode, docker.body).toBe(201);
    await t.services.infrastructure.sync(); // Docker hosts join the Infrastructure cache on its re-sync

    const h = await until(
      () => home(admin),
      (x) => x.totals.containers.running === 9 && x.problems.some((p) => p.kind === 'source_failing'),
    );
    expect(steps(h)).toEqual({ ssh_host: true, docker_host: true, integration: false, agent: true });
    expect(h.totals).toMatchObject({
      hosts: { total: 2, up: 1, down: 1 },
      containers: { running: 9, stopped: 1, unhealthy: 1 },
    });
    expect(h.sources.map((s) => s.name).sort()).toEqual(['broken', 'edge']);
    expect(h.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'source_failing', title: 'broken cannot be read' }),
        {
          kind: 'host_unreachable',
          title: 'SSH host gone is unreachable',
          detail: `Connection refused: nothing listens on port ${closedPort}.`,
          since: null,
          href: '/settings?tab=hosts',
        },
      ]),
    );
    // Nothing opened yet: the first hosts, not yet used.
    expect(h.recentHosts.map((r) => [r.name, r.lastUsedAt, r.reachability.state])).toEqual([
      ['gone', null, 'down'],
      ['real', null, 'up'],
    ]);

    // The member may not use `gone`: not counted, not a problem of theirs, not offered.
    const m = await home(member);
    expect(m.totals.hosts).toEqual({ total: 1, up: 1, down: 0 });
    expect(m.problems.some((p) => p.kind === 'host_unreachable')).toBe(false);
    expect(m.recentHosts.map((r) => r.hostId)).toEqual([up.id]);

    // Terminals the member opened (the session audit): most recent first, only hosts they may still use.
    const audit = new TerminalAuditRepo(t.database.db);
    const session = (id: string, hostId: string, startedAt: string) =>
      audit.start({
        id,
        user_id: memberId,
        username: 'viewer',
        host_id: hostId,
        host_name: 'x',
        address: '127.0.0.1',
        port: 22,
        fingerprint: 'SHA256:x',
        started_at: startedAt,
        ended_at: null,
        bytes_in: 0,
        bytes_out: 0,
        end_reason: null,
      });
    await session('s1', up.id, '2026-01-01T10:00:00.000Z');
    await session('s2', down.id, '2026-01-02T10:00:00.000Z');
    await session('s3', up.id, '2026-01-03T10:00:00.000Z');
    const recent = (await home(member)).recentHosts;
    expect(recent.map((r) => [r.hostId, r.lastUsedAt])).toEqual([[up.id, '2026-01-03T10:00:00.000Z']]);
  });
});
