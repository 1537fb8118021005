import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDockerd, type DockerdServer } from '@archnest/test-support';
import type { CompletedPullAgentEnrolment, PullAgentEnrolment } from '@archnest/contract';
import { ManualClock } from '../../src/clock';
import { certFingerprint, createSelfSignedCert } from '../../src/crypto/self-signed-cert';
import { DockerOperationError, SourceUnavailableError, type ContainerSource } from '../../src/docker';
import { EnrolError, enrolWithAgent } from '../../src/docker/pull-agent/enrol-client';
import { createEnrolToken } from '../../src/docker/pull-agent/enrol-proof';
import { setupAdmin } from '../helpers/accounts';
import { describeContainerSource, SECRETS, seedContainers } from '../helpers/container-source-suite';
import { agentRequest, startPullAgent, type PullAgentProcess } from '../helpers/pull-agent-runner';
import { rejectionOf } from '../helpers/ssh-fixtures';
import { createTestApp, type TestApp } from '../helpers/test-app';

let dockerd: DockerdServer;
let t: TestApp;
let admin: string;
const clock = new ManualClock(new Date());
const agents: PullAgentProcess[] = [];
let main: PullAgentProcess;
let mainHost: CompletedPullAgentEnrolment;
let source: ContainerSource;

async function openEnrolment(
  address: string,
  extra: Record<string, unknown> = {},
): Promise<PullAgentEnrolment> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/pull-agents/enrolments',
    headers: { cookie: admin },
    payload: { name: `agent-${address}`, address, ...extra },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<PullAgentEnrolment>();
}

function complete(id: string) {
  return t.app.inject({
    method: 'POST',
    url: `/api/pull-agents/enrolments/${id}/complete`,
    headers: { cookie: admin },
  });
}

async function agentWith(flags: string[], token?: string): Promise<PullAgentProcess> {
  const agent = await startPullAgent({ socketPath: dockerd.socketPath, flags, ...(token ? { token } : {}) });
  agents.push(agent);
  return agent;
}

/** Opens an enrolment for a fresh agent port, starts the agent with its token and completes it. */
async function enrolled(
  flags: string[],
): Promise<{ agent: PullAgentProcess; done: CompletedPullAgentEnrolment }> {
  const { freePort } = await import('@archnest/test-support');
  const port = await freePort();
  const enrolment = await openEnrolment(`127.0.0.1:${port}`);
  const agent = await startPullAgent({ socketPath: dockerd.socketPath, flags, token: enrolment.token, port });
  agents.push(agent);
  const response = await complete(enrolment.id);
  expect(response.statusCode, response.body).toBe(201);
  return { agent, done: response.json<CompletedPullAgentEnrolment>() };
}

beforeAll(async () => {
  dockerd = await startDockerd();
  seedContainers(dockerd);
  t = await createTestApp({ clock, env: { ARCHNEST_EDITION: 'pro' } });
  admin = await setupAdmin(t.app);
  const made = await enrolled(['--allow-exec']);
  main = made.agent;
  mainHost = made.done;
  source = (await t.services.containerSources.forHost(mainHost.host.id)).source;
}, 180_000);

afterAll(async () => {
  await Promise.all(agents.map((a) => a.stop()));
  await t?.close();
  await dockerd?.stop();
}, 60_000);

describe('pull agent enrolment', () => {
  it('pins both certificates and adds a pull-agent Docker host', () => {
    expect(mainHost.host.kind).toBe('pull-agent');
    expect(mainHost.host.endpoint).toBe(`pull-agent://${main.address}`);
    expect(mainHost.agentFingerprint).toBe(main.fingerprint);
    expect(mainHost.agentFingerprint).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(mainHost.execEnabled).toBe(true);
    expect(mainHost.monitorOnly).toBe(false);
    expect(source.kind).toBe('pull-agent');
    expect(main.logs().some((l) => l.event === 'enrolled' && l.peer === mainHost.clientFingerprint)).toBe(
      true,
    );
  });

  it('refuses the same enrolment a second time (replayed token)', async () => {
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/pull-agents/enrolments',
      headers: { cookie: admin },
      payload: { name: 'x', address: '127.0.0.1:1' },
    });
    expect(again.statusCode).toBe(201);
    const [first] = await t.database.db
      .selectFrom('pull_agent_enrolments')
      .selectAll()
      .where('used_at', 'is not', null)
      .execute();
    const replay = await complete(first?.id ?? '');
    expect(replay.statusCode).toBe(409);
    expect(replay.json()).toMatchObject({ error: 'enrolment_used' });
    expect(first?.token_sealed).toBe('');
  });

  it('a token used twice in parallel enrols exactly once', async () => {
    const { freePort } = await import('@archnest/test-support');
    const port = await freePort();
    const enrolment = await openEnrolment(`127.0.0.1:${port}`);
    const agent = await startPullAgent({ socketPath: dockerd.socketPath, token: enrolment.token, port });
    agents.push(agent);
    const answers = await Promise.all([
      complete(enrolment.id),
      complete(enrolment.id),
      complete(enrolment.id),
    ]);
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes).toEqual([201, 409, 409]);
    const hosts = await t.database.db
      .selectFrom('docker_hosts')
      .selectAll()
      .where('endpoint', '=', `pull-agent://127.0.0.1:${port}`)
      .execute();
    expect(hosts).toHaveLength(1);
    expect(agent.logs().filter((l) => l.event === 'enrolled')).toHaveLength(1);
  });

  it('the agent itself lets one of two racing enrolments through, and refuses the other', async () => {
    const token = createEnrolToken(new Date(Date.now() + 600_000));
    const agent = await agentWith([], token);
    const target = { host: '127.0.0.1', port: agent.port };
    const results = await Promise.allSettled([
      enrolWithAgent(target, createSelfSignedCert('a'), token, 5000),
      enrolWithAgent(target, createSelfSignedCert('b'), token, 5000),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected');
    expect((refused?.reason as EnrolError).code).toBe('agent_refused');
    expect((refused?.reason as Error).message).toContain('no enrolment open');
  });

  it('refuses an expired token in ArchNest and on the agent', async () => {
    const enrolment = await openEnrolment('127.0.0.1:9');
    clock.advance(16 * 60_000);
    const late = await complete(enrolment.id);
    expect(late.statusCode).toBe(410);
    expect(late.json()).toMatchObject({ error: 'enrolment_expired' });
    const token = createEnrolToken(new Date(Date.now() - 1000));
    const agent = await agentWith([], token);
    const error = await rejectionOf(
      enrolWithAgent({ host: '127.0.0.1', port: agent.port }, createSelfSignedCert('x'), token, 5000),
    );
    expect(error).toBeInstanceOf(EnrolError);
    expect((error as Error).message).toContain('expired');
  });

  it('refuses a wrong token: the agent sees a proof that does not match', async () => {
    const agent = await agentWith([], createEnrolToken(new Date(Date.now() + 600_000)));
    const error = await rejectionOf(
      enrolWithAgent(
        { host: '127.0.0.1', port: agent.port },
        createSelfSignedCert('x'),
        createEnrolToken(new Date(Date.now() + 600_000)),
        5000,
      ),
    );
    expect((error as Error).message).toContain('proof does not match');
    expect(agent.logs().some((l) => l.event === 'enrol-refused' && l.reason === 'invalid_proof')).toBe(true);
  });

  it('answers 502 agent_unreachable when nothing listens, and the token stays usable', async () => {
    const { freePort } = await import('@archnest/test-support');
    const port = await freePort();
    const enrolment = await openEnrolment(`127.0.0.1:${port}`);
    const down = await complete(enrolment.id);
    expect(down.statusCode).toBe(502);
    expect(down.json()).toMatchObject({ error: 'agent_unreachable' });
    const agent = await startPullAgent({ socketPath: dockerd.socketPath, token: enrolment.token, port });
    agents.push(agent);
    expect((await complete(enrolment.id)).statusCode).toBe(201);
  });

  it('the community edition refuses enrolment with feature_unavailable', async () => {
    const community = await createTestApp();
    try {
      const cookie = await setupAdmin(community.app);
      const response = await community.app.inject({
        method: 'POST',
        url: '/api/pull-agents/enrolments',
        headers: { cookie },
        payload: { name: 'x', address: '127.0.0.1:7443' },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ error: 'feature_unavailable' });
    } finally {
      await community.close();
    }
  });

  it('shows commands carrying the token in the environment, never in a URL', async () => {
    const enrolment = await openEnrolment('127.0.0.1:7443', { monitorOnly: true });
    expect(enrolment.runCommand).toContain(
      `ARCHNEST_ENROL_TOKEN='${enrolment.token}' node archnest-pull-agent.mjs --listen 127.0.0.1:7443`,
    );
    expect(enrolment.runCommand).toContain('--monitor-only');
    expect(enrolment.installCommand).toContain(
      `sudo ARCHNEST_ENROL_TOKEN='${enrolment.token}' sh install-pull-agent.sh`,
    );
    for (const url of `${enrolment.runCommand} ${enrolment.installCommand}`.match(/'https?:[^']+'/g) ?? [])
      expect(url).not.toContain(enrolment.token);
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/pull-agents/enrolments',
      headers: { cookie: admin },
      payload: { name: 'x', address: '0.0.0.0:7443' },
    });
    expect(bad.statusCode).toBe(400);
  });
});

describe('pull agent in ArchNest', () => {
  it('is an Infrastructure tile like any Docker host, with its containers as members', async () => {
    await t.services.infrastructure.sync();
    const id = `docker:${mainHost.host.id}`;
    const refreshed = await t.app.inject({
      method: 'POST',
      url: `/api/infrastructure/sources/${encodeURIComponent(id)}/refresh`,
      headers: { cookie: admin },
    });
    expect(refreshed.statusCode, refreshed.body).toBe(200);
    expect(refreshed.json()).toMatchObject({ state: 'ok' });
    const detail = await t.app.inject({
      url: `/api/infrastructure/tiles/${encodeURIComponent(id)}`,
      headers: { cookie: admin },
    });
    expect(detail.statusCode, detail.body).toBe(200);
    const body = detail.json<{ tile: { subtitle: string | null }; members: { name: string }[] }>();
    expect(body.tile.subtitle).toBe('Docker pull agent');
    expect(body.members.map((m) => m.name)).toEqual(expect.arrayContaining(['web', 'chatty', 'idle']));
  });

  it('lists, inspects with masked env and reads logs through the API routes', async () => {
    const list = await t.app.inject({
      url: `/api/docker/hosts/${mainHost.host.id}/containers?all=true`,
      headers: { cookie: admin },
    });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ error: null });
    const inspect = await t.app.inject({
      url: `/api/docker/hosts/${mainHost.host.id}/containers/web`,
      headers: { cookie: admin },
    });
    expect(inspect.statusCode).toBe(200);
    for (const secret of SECRETS) expect(inspect.body).not.toContain(secret);
  });
});

describeContainerSource('Pull agent', () => source);

describe('pull agent: refusals', () => {
  const pinnedClient = async () => {
    const row = await t.database.db
      .selectFrom('docker_hosts')
      .selectAll()
      .where('id', '=', mainHost.host.id)
      .executeTakeFirstOrThrow();
    return { certPem: row.client_cert ?? '', keyPem: t.services.dockerHosts.openClientKey(row) ?? '' };
  };

  it('refuses a connection without a client certificate', async () => {
    const answer = await agentRequest(main.port, null, 'GET', '/containers/json');
    expect(answer.status).toBe(401);
    expect(answer.json.error).toBe('client_certificate_required');
  });

  it("refuses another instance's certificate, naming both fingerprints", async () => {
    const other = createSelfSignedCert('archnest');
    const answer = await agentRequest(main.port, other, 'GET', '/containers/json');
    expect(answer.status).toBe(401);
    expect(answer.json.error).toBe('client_certificate_refused');
    expect(answer.json.message).toContain(certFingerprint(other.certPem));
    expect(answer.json.message).toContain(mainHost.clientFingerprint);
    expect(answer.text).not.toContain('"Id"');
  });

  it('refuses verbs and paths outside the fixed API', async () => {
    const client = await pinnedClient();
    const cases: [string, string, number][] = [
      ['POST', '/containers/create', 405],
      ['POST', '/v1.43/containers/create', 405],
      ['POST', '/v1.43/containers/create/start?x=1', 400],
      ['GET', '/containers/web/archive', 404],
      ['PUT', '/containers/web/archive', 404],
      ['POST', '/containers/web/update', 404],
      ['POST', '/build', 404],
      ['POST', '/images/create', 404],
      ['DELETE', '/images/archnest-busybox:test', 404],
      ['POST', '/volumes/create', 404],
      ['GET', '/info', 404],
      ['POST', '/containers/web/json', 405],
      ['GET', '/containers/web/start', 405],
      ['DELETE', '/containers/json', 405],
      ['GET', '/containers/json?all=1&filters=x&evil=1', 400],
      ['POST', '/containers/web/kill?signal=$(reboot)', 400],
      ['GET', '/exec/abc/json', 400],
      ['GET', `/exec/${'a'.repeat(64)}/json`, 404],
    ];
    for (const [method, url, status] of cases) {
      const answer = await agentRequest(main.port, client, method, url);
      expect(answer.status, `${method} ${url}`).toBe(status);
      expect(answer.json.error, `${method} ${url}`).toBeTypeOf('string');
    }
    const listed = await agentRequest(main.port, client, 'GET', '/containers/json?all=1');
    expect(listed.status).toBe(200);
  });

  it('refuses container references with shell metacharacters', async () => {
    const client = await pinnedClient();
    for (const ref of ['a;id', '$(id)', '`id`', 'a|b', 'a&b', '../web', '-rf', 'a b', 'a\nb', "web'"]) {
      const answer = await agentRequest(
        main.port,
        client,
        'GET',
        `/containers/${encodeURIComponent(ref)}/json`,
      );
      expect(answer.status, ref).toBe(400);
      expect(answer.json.error, ref).toBe('invalid_reference');
    }
  });

  it('refuses oversized bodies (in parallel) and exec bodies beyond a shell with TERM', async () => {
    const client = await pinnedClient();
    const big = JSON.stringify({ Cmd: ['sh'], pad: 'x'.repeat(20_000) });
    const answers = await Promise.all(
      Array.from({ length: 4 }, () => agentRequest(main.port, client, 'POST', '/containers/web/exec', big)),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(413);
      expect(answer.json.error).toBe('body_too_large');
    }
    for (const body of [
      { Cmd: ['sh', '-c', 'id'] },
      { Cmd: ['sh', '-c', 'exit 0; id'] },
      { Cmd: ['sh', '-x', 'exit 0'] },
      { Cmd: ['/usr/bin/id', '-c', 'exit 0'] },
      { Cmd: ['sh'], Privileged: true },
      { Cmd: ['sh'], User: 'root' },
      { Cmd: ['sh'], Env: ['LD_PRELOAD=/x'] },
      { Cmd: ['/usr/bin/id'] },
    ]) {
      const answer = await agentRequest(
        main.port,
        client,
        'POST',
        '/containers/web/exec',
        JSON.stringify(body),
      );
      expect(answer.status, JSON.stringify(body)).toBe(400);
    }
  });

  it('masks secret env on the host: the raw inspect answer carries no secret', async () => {
    const client = await pinnedClient();
    const answer = await agentRequest(main.port, client, 'GET', '/containers/web/json');
    expect(answer.status).toBe(200);
    for (const secret of SECRETS) expect(answer.text).not.toContain(secret);
    expect(answer.text).toContain('DB_PASSWORD=***');
    expect(answer.text).toContain('PLAIN=visible');
  });

  it('logs every action with the client fingerprint', () => {
    const lines = main.logs().filter((l) => l.event === 'request');
    expect(
      lines.some(
        (l) =>
          l.path === '/containers/json?all=1' && l.status === 200 && l.peer === mainHost.clientFingerprint,
      ),
    ).toBe(true);
    expect(lines.some((l) => l.refused === 'client_certificate_refused')).toBe(true);
    expect(JSON.stringify(main.logs())).not.toContain('hunter2');
  });

  it('a monitor-only agent lists and reads but refuses lifecycle verbs and exec', async () => {
    const { done } = await enrolled(['--monitor-only', '--allow-exec']);
    expect(done.monitorOnly).toBe(true);
    expect(done.execEnabled).toBe(false);
    const watch = (await t.services.containerSources.forHost(done.host.id)).source;
    expect((await watch.list()).map((c) => c.name)).toContain('web');
    expect((await watch.inspect('web')).name).toBe('web');
    for (const action of ['stop', 'start', 'restart', 'pause', 'remove'] as const) {
      const refused = await rejectionOf(watch.act('chatty', action));
      expect(refused, action).toBeInstanceOf(DockerOperationError);
      expect((refused as Error).message, action).toContain('monitor-only');
    }
    const exec = await rejectionOf(watch.exec('web', { cols: 80, rows: 24 }));
    expect((exec as Error).message).toContain('Exec is not enabled');
    expect((await watch.inspect('chatty')).state).toBe('running');
  }, 60_000);

  it('exec is off unless enabled', async () => {
    const { done } = await enrolled([]);
    expect(done.execEnabled).toBe(false);
    const plain = (await t.services.containerSources.forHost(done.host.id)).source;
    const exec = await rejectionOf(plain.exec('web', { cols: 80, rows: 24 }));
    expect((exec as Error).message).toContain('Exec is not enabled');
    await plain.act('chatty', 'pause');
    expect((await plain.inspect('chatty')).state).toBe('paused');
    await plain.act('chatty', 'unpause');
    expect((await plain.inspect('chatty')).state).toBe('running');
  }, 60_000);

  it('refuses an agent whose key changed, showing both fingerprints, and sends it nothing', async () => {
    const { agent, done } = await enrolled([]);
    const changed = (await t.services.containerSources.forHost(done.host.id)).source;
    expect((await changed.list()).length).toBeGreaterThan(0);
    await agent.stop();
    const fs = await import('node:fs');
    fs.rmSync(`${agent.stateDir}/agent-key.pem`);
    fs.rmSync(`${agent.stateDir}/agent-cert.pem`);
    const restarted = await startPullAgent({
      socketPath: dockerd.socketPath,
      stateDir: agent.stateDir,
      port: agent.port,
    });
    agents.push(restarted);
    expect(restarted.fingerprint).not.toBe(done.agentFingerprint);
    const error = await rejectionOf(changed.list());
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as Error).message).toContain(restarted.fingerprint);
    expect((error as Error).message).toContain(done.agentFingerprint);
    expect(restarted.logs().filter((l) => l.event === 'request')).toHaveLength(0);
  }, 30_000);

  it('a down agent gives a per-host error at once', async () => {
    const { agent, done } = await enrolled([]);
    const gone = (await t.services.containerSources.forHost(done.host.id)).source;
    await agent.stop();
    gone.close();
    const started = Date.now();
    const error = await rejectionOf(gone.list());
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as Error).message).toContain(done.host.name);
    expect(Date.now() - started).toBeLessThan(2000);
    const api = await t.app.inject({
      url: `/api/docker/hosts/${done.host.id}/containers`,
      headers: { cookie: admin },
    });
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({
      containers: [],
      error: expect.stringContaining(done.host.name) as unknown,
    });
    const inspect = await t.app.inject({
      url: `/api/docker/hosts/${done.host.id}/containers/web`,
      headers: { cookie: admin },
    });
    expect(inspect.statusCode).toBe(503);
    expect(inspect.json()).toMatchObject({ error: 'docker_unavailable' });
  }, 30_000);
});
