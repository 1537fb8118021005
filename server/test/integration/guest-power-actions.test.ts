import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { AuditPage, GuestTask, InfraTileDetail, Integration, ServerEvent } from '@archnest/contract';
import { startProxmoxFake, type ProxmoxFake } from '@archnest/test-support';
import { ADMIN, createUser, login, MEMBER_PASSWORD, setupAdmin } from '../helpers/accounts';
import { createTestApp, dialects, type TestApp } from '../helpers/test-app';

const UPID = /^UPID:pve[12]:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:[a-z]+:\d+:monitor@pve!archnest:$/;

/** Power actions on Proxmox guests through the API, against the loopback Proxmox fake over pinned TLS. */
describe.each(dialects)('guest power actions (%s)', (dialect) => {
  let fake: ProxmoxFake;
  let t: TestApp;
  let admin: string;
  let member: string;
  let id = '';

  beforeAll(async () => {
    fake = await startProxmoxFake({ tls: 'self-signed', haGuests: [102], taskMs: 150 });
    t = await createTestApp({
      dialect,
      env: { ARCHNEST_EDITION: 'pro' },
      guestTaskTiming: { pollMs: 30 },
    });
    admin = await setupAdmin(t.app);
    await createUser(t.app, admin, 'viewer');
    member = await login(t.app, 'viewer', MEMBER_PASSWORD);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/integrations',
      headers: { cookie: admin },
      payload: {
        kind: 'proxmox',
        name: 'Homelab',
        config: { url: fake.url, tokenId: fake.tokenId },
        secrets: { tokenSecret: fake.tokenSecret },
        tls: { pinnedSha256: fake.fingerprint },
        // Far longer than any test: a changed state can only come from the refresh a task end triggers.
        pollIntervalSeconds: 3600,
      },
    });
    expect(created.statusCode).toBe(201);
    id = created.json<Integration>().id;
    await t.services.infrastructure.refresh(`integration:${id}`);
  });
  afterAll(async () => {
    await t?.close();
    await fake?.stop();
  });

  const act = (
    node: string,
    type: 'qemu' | 'lxc',
    vmid: number,
    body: Record<string, unknown>,
    cookie = admin,
  ) =>
    t.app.inject({
      method: 'POST',
      url: `/api/integrations/${id}/nodes/${node}/guests/${type}/${vmid}/power`,
      headers: { cookie },
      payload: body,
    });

  const getTask = async (taskId: string) => {
    const r = await t.app.inject({
      url: `/api/integrations/${id}/tasks/${taskId}`,
      headers: { cookie: admin },
    });
    expect(r.statusCode).toBe(200);
    return r.json<GuestTask>();
  };

  async function finished(taskId: string): Promise<GuestTask> {
    for (let i = 0; i < 200; i++) {
      const task = await getTask(taskId);
      if (task.state !== 'running') return task;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error('the task did not end');
  }

  /** Starts an action, expects 202 and follows the task to its end. */
  async function run(node: string, type: 'qemu' | 'lxc', vmid: number, body: Record<string, unknown>) {
    const r = await act(node, type, vmid, body);
    expect(r.statusCode, r.body).toBe(202);
    const started = r.json<GuestTask>();
    expect(started.state).toBe('running');
    expect(started.upid).toMatch(UPID);
    return { started, ended: await finished(started.id) };
  }

  async function status(node: string, memberId: string): Promise<string | undefined> {
    const r = await t.app.inject({
      url: `/api/infrastructure/tiles/integration:${id}:node:${node}`,
      headers: { cookie: member },
    });
    return r.json<InfraTileDetail>().members.find((m) => m.id === memberId)?.status;
  }

  async function audit(action: string) {
    const r = await t.app.inject({
      url: `/api/admin/audit?action=${action}&limit=100`,
      headers: { cookie: admin },
    });
    return r.json<AuditPage>().entries;
  }

  it('stops and starts an LXC container: 202 with the task, followed to OK, the listing refreshed at once', async () => {
    expect(await status('pve1', 'lxc/200')).toBe('running');
    const before = fake.powerRequests.length;
    const { started, ended } = await run('pve1', 'lxc', 200, { action: 'stop' });
    expect(started).toMatchObject({
      taskType: 'vzstop',
      ha: false,
      actor: 'admin',
      guestName: 'dns',
      node: 'pve1',
    });
    expect(ended).toMatchObject({ state: 'ok', exitStatus: 'OK' });
    expect(ended.log).toEqual(['stopping CT 200', 'TASK OK']);
    expect(ended.endedAt).not.toBeNull();
    // No poll is due for an hour: the stopped state is there because the task's end refreshed the source.
    expect(await status('pve1', 'lxc/200')).toBe('stopped');
    // POSTs carry a declared length, never a chunked body (Proxmox answers 501 to those).
    const sent = fake.powerRequests[before];
    expect(sent?.path).toBe('/api2/json/nodes/pve1/lxc/200/status/stop');
    expect(sent?.headers['content-length']).toBe('0');
    expect(sent?.headers['transfer-encoding']).toBeUndefined();

    const again = await run('pve1', 'lxc', 200, { action: 'start' });
    expect(again.ended).toMatchObject({ state: 'ok', exitStatus: 'OK', taskType: 'vzstart' });
    expect(await status('pve1', 'lxc/200')).toBe('running');
  });

  it('audits who did what to which guest, and the outcome', async () => {
    const ended = (await audit('guest.power.ended')).filter((e) => e.targetId === `${id}/pve1/lxc/200`);
    expect(ended.map((e) => [e.actorName, e.targetName, e.detail.action, e.detail.outcome])).toEqual([
      ['admin', 'dns', 'start', 'ok'],
      ['admin', 'dns', 'stop', 'ok'],
    ]);
    expect(ended[0]?.detail).toMatchObject({ exitStatus: 'OK', node: 'pve1', guestType: 'lxc', vmid: 200 });
    const started = (await audit('guest.power.started')).filter((e) => e.targetId === `${id}/pve1/lxc/200`);
    expect(started.map((e) => e.detail.upid)).toEqual(ended.map((e) => e.detail.upid));
  });

  it('refuses a start of a running container at once, in Proxmox words, and audits the refusal', async () => {
    const r = await act('pve1', 'lxc', 200, { action: 'start' });
    expect(r.statusCode).toBe(409);
    expect(r.json()).toEqual({
      error: 'guest_action_refused',
      message: 'Proxmox refused: CT 200 already running',
    });
    const refused = await audit('guest.power.refused');
    expect(refused[0]).toMatchObject({
      actorName: 'admin',
      targetName: 'dns',
      detail: { action: 'start', outcome: 'refused', error: 'guest_action_refused' },
    });
  });

  it('follows a start of a running VM to its failed task ("already running")', async () => {
    const { started, ended } = await run('pve1', 'qemu', 100, { action: 'start' });
    expect(started.taskType).toBe('qmstart');
    expect(ended).toMatchObject({ state: 'failed', exitStatus: 'VM 100 already running' });
    expect(ended.log.at(-1)).toBe('TASK ERROR: VM 100 already running');
    const last = (await audit('guest.power.ended'))[0];
    expect(last?.detail).toMatchObject({
      action: 'start',
      outcome: 'failed',
      exitStatus: 'VM 100 already running',
    });
  });

  it('suspends, resumes, reboots and shuts down a VM, each state visible when its task ends', async () => {
    const suspend = await run('pve1', 'qemu', 100, { action: 'suspend' });
    expect(suspend.ended).toMatchObject({ state: 'ok', taskType: 'qmsuspend' });
    expect(await status('pve1', 'qemu/100')).toBe('paused');
    const resume = await run('pve1', 'qemu', 100, { action: 'resume' });
    expect(resume.ended).toMatchObject({ state: 'ok', taskType: 'qmresume' });
    expect(await status('pve1', 'qemu/100')).toBe('running');
    const reboot = await run('pve1', 'qemu', 100, { action: 'reboot' });
    expect(reboot.ended).toMatchObject({ state: 'ok', taskType: 'qmreboot' });
    expect(await status('pve1', 'qemu/100')).toBe('running');
    const shutdown = await run('pve1', 'qemu', 100, { action: 'shutdown' });
    expect(shutdown.ended).toMatchObject({ state: 'ok', taskType: 'qmshutdown' });
    expect(await status('pve1', 'qemu/100')).toBe('stopped');
  });

  it('refuses reboot, suspend and resume of a stopped VM before any task; start works with warnings', async () => {
    for (const action of ['reboot', 'suspend', 'resume']) {
      const r = await act('pve1', 'qemu', 101, { action });
      expect(r.statusCode, action).toBe(409);
      expect(r.json<{ message: string }>().message).toBe('Proxmox refused: VM 101 not running');
    }
    fake.warnOn.add(101);
    const start = await run('pve1', 'qemu', 101, { action: 'start' });
    fake.warnOn.delete(101);
    expect(start.ended).toMatchObject({ state: 'ok', exitStatus: 'WARNINGS: 1' });
    expect(start.ended.log).toEqual([
      'starting VM 101',
      'WARN: old machine version in use',
      'TASK WARNINGS: 1',
    ]);
    expect(await status('pve1', 'qemu/101')).toBe('running');
  });

  it('refuses reboot and stop of a stopped container at once', async () => {
    await run('pve2', 'lxc', 201, { action: 'stop' });
    for (const action of ['reboot', 'stop', 'shutdown']) {
      const r = await act('pve2', 'lxc', 201, { action });
      expect(r.statusCode, action).toBe(409);
      expect(r.json<{ message: string }>().message).toBe('Proxmox refused: CT 201 not running');
    }
  });

  it('a shutdown the guest ignores fails after its timeout, unless a forced stop follows it', async () => {
    await run('pve1', 'qemu', 100, { action: 'start' });
    fake.ignoreShutdown.add(100);
    const plain = await run('pve1', 'qemu', 100, { action: 'shutdown', timeoutSeconds: 5 });
    expect(plain.ended).toMatchObject({
      state: 'failed',
      exitStatus: 'VM quit/powerdown failed - got timeout',
    });
    expect(await status('pve1', 'qemu/100')).toBe('running');
    expect(fake.powerRequests.at(-1)?.body).toBe('timeout=5');

    const forced = await run('pve1', 'qemu', 100, { action: 'shutdown', timeoutSeconds: 5, forceStop: true });
    expect(fake.powerRequests.at(-1)?.body).toBe('forceStop=1&timeout=5');
    expect(forced.ended.state).toBe('ok');
    expect(forced.ended.log).toContain('VM quit/powerdown failed - terminating now with SIGTERM');
    expect(await status('pve1', 'qemu/100')).toBe('stopped');
    fake.ignoreShutdown.delete(100);

    await run('pve2', 'lxc', 201, { action: 'start' });
    fake.ignoreShutdown.add(201);
    const ct = await run('pve2', 'lxc', 201, { action: 'shutdown', timeoutSeconds: 7 });
    expect(ct.ended.exitStatus).toBe("command 'lxc-stop -n 201 --nokill --timeout 7' failed: exit code 1");
    const ctForced = await run('pve2', 'lxc', 201, {
      action: 'shutdown',
      timeoutSeconds: 7,
      forceStop: true,
    });
    expect(ctForced.ended.state).toBe('ok');
    expect(await status('pve2', 'lxc/201')).toBe('stopped');
    fake.ignoreShutdown.delete(201);
  });

  it('runs start and stop of an HA-managed guest as HA tasks', async () => {
    const stop = await run('pve2', 'qemu', 102, { action: 'stop' });
    expect(stop.started).toMatchObject({ taskType: 'hastop', ha: true });
    expect(stop.ended).toMatchObject({ state: 'ok', log: ['Requesting HA stop for VM 102', 'TASK OK'] });
    expect(await status('pve2', 'qemu/102')).toBe('stopped');
    const start = await run('pve2', 'qemu', 102, { action: 'start' });
    expect(start.started).toMatchObject({ taskType: 'hastart', ha: true });
    expect(await status('pve2', 'qemu/102')).toBe('running');
  });

  it('marks a task lost when Proxmox stops answering about it', async () => {
    const r = await act('pve1', 'qemu', 101, { action: 'reboot' });
    expect(r.statusCode).toBe(202);
    fake.setFault('500');
    try {
      const ended = await finished(r.json<GuestTask>().id);
      expect(ended).toMatchObject({ state: 'lost', exitStatus: null });
      const last = (await audit('guest.power.ended'))[0];
      expect(last?.detail).toMatchObject({ action: 'reboot', outcome: 'lost' });
    } finally {
      fake.setFault(null);
    }
  });

  it('follows parallel actions on different guests each to its own end', async () => {
    const targets = [
      ['pve1', 'qemu', 100, 'start'],
      ['pve1', 'lxc', 200, 'reboot'],
      ['pve2', 'lxc', 201, 'start'],
      ['pve2', 'qemu', 102, 'reboot'],
    ] as const;
    const answers = await Promise.all(
      targets.map(([n, type, vmid, action]) => act(n, type, vmid, { action })),
    );
    expect(answers.map((r) => r.statusCode)).toEqual([202, 202, 202, 202]);
    const tasks = answers.map((r) => r.json<GuestTask>());
    expect(new Set(tasks.map((x) => x.upid)).size).toBe(4);
    const ended = await Promise.all(tasks.map((x) => finished(x.id)));
    expect(ended.map((x) => [x.vmid, x.action, x.state])).toEqual([
      [100, 'start', 'ok'],
      [200, 'reboot', 'ok'],
      [201, 'start', 'ok'],
      [102, 'reboot', 'ok'],
    ]);
    expect(await status('pve1', 'qemu/100')).toBe('running');
    expect(await status('pve2', 'lxc/201')).toBe('running');
  });

  it('names the privilege the API token lacks', async () => {
    fake.denied.add('VM.PowerMgmt');
    try {
      const r = await act('pve1', 'qemu', 100, { action: 'start' });
      expect(r.statusCode).toBe(403);
      expect(r.json()).toEqual({
        error: 'hypervisor_privilege_missing',
        message:
          'The API token lacks the VM.PowerMgmt privilege on /vms/100. Proxmox said: Permission check failed (/vms/100, VM.PowerMgmt)',
      });
    } finally {
      fake.denied.delete('VM.PowerMgmt');
    }
  });

  it('does not offer LXC suspend or resume, and validates the request before calling Proxmox', async () => {
    const before = fake.powerRequests.length;
    for (const action of ['suspend', 'resume']) {
      const r = await act('pve1', 'lxc', 200, { action });
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ error: 'action_unsupported' });
    }
    for (const body of [
      { action: 'explode' },
      { action: 'shutdown', timeoutSeconds: 0 },
      { action: 'stop', extra: 1 },
    ]) {
      expect((await act('pve1', 'qemu', 100, body)).statusCode).toBe(400);
    }
    expect((await act('pve1;rm', 'qemu', 100, { action: 'stop' })).statusCode).toBe(400);
    expect((await act('pve1', 'qemu', 1, { action: 'stop' })).statusCode).toBe(400);
    expect(fake.powerRequests.length).toBe(before);
    const missing = await act('pve1', 'qemu', 999, { action: 'start' });
    expect(missing.statusCode).toBe(409);
    expect(missing.json<{ message: string }>().message).toContain(
      "'nodes/pve1/qemu-server/999.conf' does not exist",
    );
    // pve3 is offline: Proxmox cannot reach it (595), which is not the guest's fault.
    const offline = await act('pve3', 'qemu', 105, { action: 'start' });
    expect(offline.statusCode).toBe(502);
    expect(offline.json()).toMatchObject({ error: 'integration_unavailable' });
    expect(offline.json<{ message: string }>().message).toContain('no route to host');
    const gone = await t.app.inject({
      method: 'POST',
      url: `/api/integrations/nope/nodes/pve1/guests/qemu/100/power`,
      headers: { cookie: admin },
      payload: { action: 'start' },
    });
    expect(gone.statusCode).toBe(404);
  });

  it('lists the integration’s recent tasks newest first, and 404s an unknown one', async () => {
    const r = await t.app.inject({ url: `/api/integrations/${id}/tasks`, headers: { cookie: admin } });
    expect(r.statusCode).toBe(200);
    const tasks = r.json<GuestTask[]>();
    expect(tasks.length).toBeGreaterThan(10);
    // The four parallel ones are the newest, then the lost reboot.
    expect(new Set(tasks.slice(0, 4).map((x) => x.vmid))).toEqual(new Set([100, 200, 201, 102]));
    expect(tasks[4]).toMatchObject({ guestType: 'qemu', vmid: 101, action: 'reboot', state: 'lost' });
    expect(tasks.find((x) => x.taskType === 'hastart')).toMatchObject({ vmid: 102, ha: true, state: 'ok' });
    const times = tasks.map((x) => x.startedAt);
    expect([...times].sort().reverse()).toEqual(times);
    const unknown = await t.app.inject({
      url: `/api/integrations/${id}/tasks/00000000-0000-4000-8000-000000000000`,
      headers: { cookie: admin },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('refuses members on every action and task route', async () => {
    expect((await act('pve1', 'lxc', 200, { action: 'stop' }, member)).statusCode).toBe(403);
    for (const url of [
      `/api/integrations/${id}/tasks`,
      `/api/integrations/${id}/tasks/00000000-0000-4000-8000-000000000000`,
    ]) {
      expect((await t.app.inject({ url, headers: { cookie: member } })).statusCode).toBe(403);
    }
  });

  it('pushes a task’s progress and end to admins over /api/events, never to members', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    const base = `http://127.0.0.1:${address.port}`;
    const open = (cookie: string) =>
      new Promise<{ socket: WebSocket; messages: ServerEvent[] }>((resolve, reject) => {
        const socket = new WebSocket(`${base.replace('http', 'ws')}/api/events`, {
          headers: { cookie, origin: base },
        });
        const messages: ServerEvent[] = [];
        socket.on('message', (data) =>
          messages.push(JSON.parse((data as Buffer).toString('utf8')) as ServerEvent),
        );
        socket.on('open', () => resolve({ socket, messages }));
        socket.on('error', reject);
      });
    const adminCookie = await login(t.app, ADMIN.username, ADMIN.password);
    const a = await open(adminCookie);
    const m = await open(member);
    const { started } = await run('pve1', 'lxc', 200, { action: 'stop' });
    const mine = () =>
      a.messages.flatMap((e) => (e.type === 'guest_task' && e.task.id === started.id ? [e.task] : []));
    for (let i = 0; i < 100 && !mine().some((x) => x.state === 'ok'); i++)
      await new Promise((r) => setTimeout(r, 20));
    const states = mine().map((x) => x.state);
    expect(states[0]).toBe('running');
    expect(states.at(-1)).toBe('ok');
    expect(mine().at(-1)?.log.at(-1)).toBe('TASK OK');
    expect(m.messages.filter((e) => e.type === 'guest_task')).toEqual([]);
    a.socket.close();
    m.socket.close();
    await run('pve1', 'lxc', 200, { action: 'start' });
  });
});

describe('guest power actions in the community edition', () => {
  it('answers 403 feature_unavailable on every action and task route', async () => {
    const t = await createTestApp({ env: { ARCHNEST_EDITION: 'community' } });
    try {
      const admin = await setupAdmin(t.app);
      const calls = [
        {
          method: 'POST' as const,
          url: '/api/integrations/x/nodes/pve1/guests/lxc/200/power',
          payload: { action: 'stop' },
        },
        { method: 'GET' as const, url: '/api/integrations/x/tasks' },
        { method: 'GET' as const, url: '/api/integrations/x/tasks/00000000-0000-4000-8000-000000000000' },
      ];
      for (const call of calls) {
        const r = await t.app.inject({ ...call, headers: { cookie: admin } });
        expect(r.statusCode, call.url).toBe(403);
        expect(r.json(), call.url).toMatchObject({ error: 'feature_unavailable' });
      }
    } finally {
      await t.close();
    }
  });
});
