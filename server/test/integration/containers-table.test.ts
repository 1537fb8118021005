import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AllContainers, AuditPage, BulkActionResults, DockerHost } from '@archnest/contract';
import { busyboxImage, runContainer, startDockerd, type DockerdServer } from '@archnest/test-support';
import { createUser, login, MEMBER_PASSWORD, setupAdmin } from '../helpers/accounts';
import { TerminalClient } from '../helpers/terminal-client';
import { createTestApp, type TestApp } from '../helpers/test-app';

const RUNNING = ['tbl-a', 'tbl-b', 'tbl-c', 'tbl-d'];

/** The all-hosts Containers table, bulk actions, log download and the console's shell, on a real dockerd. */
describe('containers table over a real dockerd', () => {
  let dockerd: DockerdServer;
  let t: TestApp;
  let base: string;
  let admin: string;
  let member: string;
  let host: DockerHost;
  let down: DockerHost;

  beforeAll(async () => {
    dockerd = await startDockerd();
    const image = busyboxImage(dockerd.socketPath);
    for (const name of RUNNING) runContainer(dockerd, { name, image, stopTimeout: 1 });
    runContainer(dockerd, { name: 'tbl-stopped', image, createOnly: true });
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    admin = await setupAdmin(t.app);
    await createUser(t.app, admin, 'viewer');
    member = await login(t.app, 'viewer', MEMBER_PASSWORD);
    const add = async (name: string, endpoint: string) => {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/docker/hosts',
        headers: { cookie: admin },
        payload: { kind: 'engine-api', name, endpoint },
      });
      expect(created.statusCode).toBe(201);
      return created.json<DockerHost>();
    };
    host = await add('alpha', `unix://${dockerd.socketPath}`);
    down = await add('gone', `unix://${dockerd.socketPath}.nothing-here`);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await dockerd?.stop();
  }, 60_000);

  const table = async (query = '', cookie = member) => {
    const response = await t.app.inject({ url: `/api/docker/containers${query}`, headers: { cookie } });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<AllContainers>();
  };
  const bulk = (action: string, targets: { hostId: string; ref: string }[], cookie = admin) =>
    t.app.inject({
      method: 'POST',
      url: '/api/docker/containers/actions',
      headers: { cookie },
      payload: { action, targets },
    });

  it('lists every host in one answer; a host that is down is an error row, not a failed page', async () => {
    const answer = await table();
    expect(answer.hosts.map((h) => [h.key, h.name, h.kind, h.error === null])).toEqual([
      [`docker:${host.id}`, 'alpha', 'engine-api', true],
      [`docker:${down.id}`, 'gone', 'engine-api', false],
    ]);
    expect(answer.hosts[1]?.error).toMatch(/gone/);
    // Stopped containers only on request.
    expect(answer.containers.map((c) => c.name)).toEqual(RUNNING);
    expect(answer.containers.every((c) => c.hostName === 'alpha' && c.hostKey === `docker:${host.id}`)).toBe(
      true,
    );
    const everything = await table('?all=true');
    expect(everything.containers.map((c) => c.name)).toEqual([...RUNNING, 'tbl-stopped']);
    const stopped = everything.containers.find((c) => c.name === 'tbl-stopped');
    expect(stopped).toMatchObject({ state: 'created', cpuPercent: null, memoryBytes: null });

    expect((await table(`?all=true&state=created`)).containers.map((c) => c.name)).toEqual(['tbl-stopped']);
    expect((await table(`?all=true&name=TBL-B`)).containers.map((c) => c.name)).toEqual(['tbl-b']);
    const onlyDown = await table(`?host=docker:${down.id}`);
    expect(onlyDown.hosts.map((h) => h.name)).toEqual(['gone']);
    expect(onlyDown.containers).toEqual([]);
    const bad = await t.app.inject({
      url: '/api/docker/containers?host=nowhere',
      headers: { cookie: member },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('fills CPU and memory for running Engine API containers, CPU from the previous cached reading', async () => {
    const first = await table();
    for (const c of first.containers) expect(c.memoryBytes, c.name).toBeGreaterThan(0);
    // After the cache's 4 s the next list renews each reading in the background, against the first.
    await new Promise((resolve) => setTimeout(resolve, 4_200));
    await table();
    let second = await table();
    for (let i = 0; i < 50 && second.containers.some((c) => c.cpuPercent === null); i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      second = await table();
    }
    for (const c of second.containers) {
      expect(typeof c.cpuPercent, c.name).toBe('number');
      expect(c.memoryLimitBytes, c.name).toBeGreaterThan(0);
    }
    // The Infrastructure page's Docker members carry the same figures.
    const sourceId = encodeURIComponent(`docker:${host.id}`);
    // A host added after start-up joins the page on the next sync of the source list.
    await t.services.infrastructure.sync();
    const refreshed = await t.app.inject({
      method: 'POST',
      url: `/api/infrastructure/sources/${sourceId}/refresh`,
      headers: { cookie: admin },
    });
    expect(refreshed.statusCode, refreshed.body).toBe(200);
    const tile = await t.app.inject({
      url: `/api/infrastructure/tiles/${sourceId}`,
      headers: { cookie: admin },
    });
    expect(tile.statusCode, tile.body).toBe(200);
    const members = tile
      .json<{ members: { name: string; cpu: number | null; memoryUsedBytes: number | null }[] }>()
      .members.filter((m) => RUNNING.includes(m.name));
    expect(members).toHaveLength(RUNNING.length);
    for (const m of members) {
      expect(m.memoryUsedBytes, m.name).toBeGreaterThan(0);
      expect(typeof m.cpu, m.name).toBe('number');
    }
  }, 30_000);

  it('runs bulk stop and start in parallel, one audited result per container', async () => {
    const targets = RUNNING.map((ref) => ({ hostId: host.id, ref }));
    expect((await bulk('stop', targets, member)).statusCode).toBe(403);

    // Each stop waits for its 1 s grace period: four one after another would take 4 s or more.
    const started = Date.now();
    const stopped = await bulk('stop', [...targets, { hostId: host.id, ref: 'tbl-missing' }]);
    const elapsed = Date.now() - started;
    expect(stopped.statusCode, stopped.body).toBe(200);
    const results = stopped.json<BulkActionResults>().results;
    expect(results.map((r) => [r.ref, r.ok, r.error])).toEqual([
      ...RUNNING.map((ref) => [ref, true, null]),
      ['tbl-missing', false, 'not_found'],
    ]);
    expect(elapsed).toBeLessThan(3_500);
    expect((await table()).containers).toEqual([]);

    // Two bulk requests at once (start and restart of the same set) both answer per container.
    const [startA, startB] = await Promise.all([
      bulk('start', targets.slice(0, 2)),
      bulk('start', targets.slice(2)),
    ]);
    for (const response of [startA, startB]) {
      expect(response.statusCode).toBe(200);
      expect(
        response.json<BulkActionResults>().results.every((r) => r.ok),
        response.body,
      ).toBe(true);
    }
    expect((await table()).containers.map((c) => c.name)).toEqual(RUNNING);

    const audit = (
      await t.app.inject({ url: '/api/admin/audit?action=container.stop', headers: { cookie: admin } })
    ).json<AuditPage>();
    const stops = audit.entries.map((e) => [e.targetId, (e.detail as { result: string }).result]);
    expect(stops).toEqual(
      expect.arrayContaining([...RUNNING.map((ref) => [ref, 'ok']), ['tbl-missing', 'failed']]),
    );
    const starts = (
      await t.app.inject({ url: '/api/admin/audit?action=container.start', headers: { cookie: admin } })
    ).json<AuditPage>();
    expect(starts.entries.filter((e) => e.actorName === 'admin').length).toBeGreaterThanOrEqual(
      RUNNING.length,
    );

    const tooMany = await bulk(
      'stop',
      Array.from({ length: 101 }, (_, i) => ({ hostId: host.id, ref: `c${i}` })),
    );
    expect(tooMany.statusCode).toBe(400);
    expect((await bulk('remove', targets)).statusCode).toBe(400);
  }, 60_000);

  it('downloads a log as a named text file, with a tail and optional timestamps', async () => {
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const url = `/api/docker/hosts/${host.id}/containers/tbl-a/logs/download`;
    const plain = await t.app.inject({ url: `${url}?tail=2&timestamps=false`, headers: { cookie: member } });
    expect(plain.statusCode, plain.body).toBe(200);
    expect(plain.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(plain.headers['content-disposition']).toMatch(
      /^attachment; filename="alpha-tbl-a-\d{8}T\d{6}Z\.log"$/,
    );
    const lines = plain.body.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).toMatch(/^tick /);

    const stamped = await t.app.inject({ url: `${url}?tail=3`, headers: { cookie: member } });
    const stampedLines = stamped.body.trimEnd().split('\n');
    expect(stampedLines).toHaveLength(3);
    for (const line of stampedLines) expect(line).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+Z tick /);

    const missing = await t.app.inject({
      url: `/api/docker/hosts/${host.id}/containers/tbl-none/logs/download`,
      headers: { cookie: member },
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: 'not_found' });
    const badTail = await t.app.inject({ url: `${url}?tail=-1`, headers: { cookie: member } });
    expect(badTail.statusCode).toBe(400);
    expect((await t.app.inject({ url })).statusCode).toBe(401);
  });

  it('starts the chosen shell, says plainly when the image has none, and never takes a shell string', async () => {
    // 'sh -c id' is not a shell name: the socket's schema refuses it before anything runs.
    const open = async (shell: string) => {
      const client = new TerminalClient(`${base.replace('http', 'ws')}/api/terminal`, {
        cookie: admin,
        origin: base,
      });
      await client.opened;
      client.send({
        type: 'exec',
        dockerHostId: host.id,
        ref: 'tbl-a',
        tabId: `t-${String(shell)}`,
        cols: 80,
        rows: 24,
        shell: shell as 'sh',
      });
      return client;
    };
    const missing = await open('bash');
    await missing.until(() => missing.message('error') !== undefined, 'refusal');
    expect(missing.message('error')).toMatchObject({
      error: 'shell_not_found',
      message: expect.stringMatching(
        /^bash is not installed in Container tbl-a on alpha; choose another shell/,
      ),
    });

    const injected = await open('sh -c id');
    await injected.until(() => injected.message('error') !== undefined, 'refusal');
    expect(injected.message('error')).toMatchObject({ error: 'invalid_request' });

    const sh = await open('sh');
    await sh.until(() => sh.message('ready') !== undefined, 'exec ready');
    sh.type('echo chosen-$((40+2))\r');
    await sh.until(() => sh.text().includes('chosen-42'), 'exec output');
    sh.send({ type: 'close' });
    await sh.closed;

    const audit = (
      await t.app.inject({ url: '/api/admin/audit?action=container.exec', headers: { cookie: admin } })
    ).json<AuditPage>();
    expect(audit.entries.map((e) => (e.detail as { result: string }).result)).toEqual(['ok', 'failed']);
  });
});
