import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InfraOverview, InfraSource, InfraTileDetail, Integration } from '@archnest/contract';
import {
  startEc2Fake,
  startProxmoxFake,
  startUptimeKumaFake,
  type Ec2Fake,
  type ProxmoxFake,
  type UptimeKumaFake,
} from '@archnest/test-support';
import { ManualClock } from '../../src/clock';
import { createUser, login, MEMBER_PASSWORD, setupAdmin } from '../helpers/accounts';
import { createTestApp, dialects, type TestApp } from '../helpers/test-app';

/** The Infrastructure page's API over three vendor fakes, a Docker host and the SSH host list. */
describe.each(dialects)('infrastructure API (%s)', (dialect) => {
  let proxmox: ProxmoxFake;
  let ec2: Ec2Fake;
  let kuma: UptimeKumaFake;
  let t: TestApp;
  let admin: string;
  let member: string;
  const clock = new ManualClock(new Date('2026-03-01T10:00:00.000Z'));
  const ids: Record<'proxmox' | 'ec2' | 'kuma', string> = { proxmox: '', ec2: '', kuma: '' };

  beforeAll(async () => {
    proxmox = await startProxmoxFake({ tls: 'ca-issued' });
    ec2 = await startEc2Fake({ pageSize: 2 });
    kuma = await startUptimeKumaFake();
    t = await createTestApp({ dialect, clock });
    admin = await setupAdmin(t.app);
    await createUser(t.app, admin, 'viewer');
    member = await login(t.app, 'viewer', MEMBER_PASSWORD);
    const bodies = {
      proxmox: {
        kind: 'proxmox',
        name: 'Homelab',
        config: { url: proxmox.url, tokenId: proxmox.tokenId },
        secrets: { tokenSecret: proxmox.tokenSecret },
        tls: { ca: proxmox.caPem },
      },
      ec2: {
        kind: 'aws-ec2',
        name: 'AWS',
        config: { regions: ['eu-central-1', 'us-east-1'], accessKeyId: ec2.accessKeyId, endpoint: ec2.url },
        secrets: { secretAccessKey: ec2.secretAccessKey },
      },
      kuma: { kind: 'uptime-kuma', name: 'Kuma', config: { url: kuma.url, statusPageSlug: kuma.slug } },
    };
    for (const [key, payload] of Object.entries(bodies)) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/integrations',
        headers: { cookie: admin },
        payload,
      });
      expect(r.statusCode).toBe(201);
      ids[key as keyof typeof ids] = `integration:${r.json<Integration>().id}`;
    }
    await t.app.inject({
      method: 'POST',
      url: '/api/hosts',
      headers: { cookie: admin },
      payload: {
        name: 'bastion',
        address: '127.0.0.1',
        username: 'ops',
        authMethod: 'password',
        password: 'pw',
      },
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/docker/hosts',
      headers: { cookie: admin },
      payload: { kind: 'engine-api', name: 'gone-docker', endpoint: 'unix:///nonexistent/docker.sock' },
    });
    await t.services.infrastructure.sync();
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await Promise.all([proxmox?.stop(), ec2?.stop(), kuma?.stop()]);
  });

  const get = async <T>(url: string, cookie = member) => {
    const r = await t.app.inject({ url, headers: { cookie } });
    return { status: r.statusCode, body: JSON.parse(r.body) as T };
  };
  const refresh = async (sourceId: string) => {
    const r = await t.app.inject({
      method: 'POST',
      url: `/api/infrastructure/sources/${encodeURIComponent(sourceId)}/refresh`,
      headers: { cookie: member },
    });
    expect(r.statusCode).toBe(200);
    return r.json<InfraSource>();
  };
  const tile = (id: string) => get<InfraTileDetail>(`/api/infrastructure/tiles/${encodeURIComponent(id)}`);
  const sourceOf = (o: InfraOverview, id: string) => o.sources.find((s) => s.id === id);

  it('shows every source and its tiles to any signed-in user', async () => {
    for (const id of [...Object.values(ids), 'ssh']) expect((await refresh(id)).state).toBe('ok');
    const { status, body } = await get<InfraOverview>('/api/infrastructure');
    expect(status).toBe(200);
    expect(body.sources.map((s) => s.kind)).toEqual(['proxmox', 'aws-ec2', 'uptime-kuma', 'docker', 'ssh']);
    const summaries = Object.fromEntries(
      body.tiles.map((x) => [x.id, [x.title, x.health, x.memberCount, x.summary]]),
    );
    expect(summaries).toMatchObject({
      [`${ids.proxmox}:node:pve1`]: ['pve1', 'ok', 3, '2 of 3 running'],
      [`${ids.proxmox}:node:pve2`]: ['pve2', 'ok', 2, '2 of 2 running'],
      [`${ids.proxmox}:node:pve3`]: ['pve3', 'error', 2, 'Node offline · 2 guests'],
      [ids.ec2]: ['AWS', 'ok', 8, '7 of 8 running'],
      [ids.kuma]: ['Kuma', 'error', 5, '2 up, 1 down, 1 pending, 1 maintenance'],
      ssh: ['SSH hosts', 'unknown', 1, '1 host'],
    });
    expect(sourceOf(body, ids.proxmox)).toMatchObject({
      state: 'ok',
      lastSuccessAt: '2026-03-01T10:00:00.000Z',
      pollIntervalSeconds: 30,
      refreshable: true,
      error: null,
    });
  });

  it('returns every member of a tile, and 404 for an unknown tile or source', async () => {
    const pve1 = await tile(`${ids.proxmox}:node:pve1`);
    expect(pve1.status).toBe(200);
    expect(pve1.body.source.id).toBe(ids.proxmox);
    expect(pve1.body.members.map((m) => m.name)).toEqual(['web', 'db', 'dns']);
    expect((await tile(ids.ec2)).body.members).toHaveLength(8);
    expect((await tile('integration:nope')).status).toBe(404);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/infrastructure/sources/nope/refresh',
      headers: { cookie: member },
    });
    expect(r.statusCode).toBe(404);
  });

  it('shows a Docker host it cannot reach as an error on its own tile', async () => {
    const overview = (await get<InfraOverview>('/api/infrastructure')).body;
    const docker = overview.sources.find((s) => s.kind === 'docker');
    const refreshed = await refresh(docker?.id ?? '');
    expect(refreshed).toMatchObject({ state: 'error', lastSuccessAt: null });
    expect((await tile(docker?.id ?? '')).body.tile).toMatchObject({ health: 'error', memberCount: 0 });
  });

  it('keeps the last good data, with its time, when a source answers 500 or malformed JSON', async () => {
    expect((await tile(ids.kuma)).body.source.state).toBe('ok');
    clock.advance(60_000);
    kuma.setFault('500');
    proxmox.setFault('malformed');
    try {
      expect(await refresh(ids.kuma)).toMatchObject({
        state: 'error',
        error: { code: 'http_error' },
        lastSuccessAt: '2026-03-01T10:00:00.000Z',
        lastAttemptAt: '2026-03-01T10:01:00.000Z',
      });
      expect(await refresh(ids.proxmox)).toMatchObject({ state: 'error', error: { code: 'bad_response' } });
      const kumaTile = (await tile(ids.kuma)).body;
      expect(kumaTile.members).toHaveLength(5);
      expect(kumaTile.source).toMatchObject({ state: 'error', error: { code: 'http_error' } });
      expect((await tile(`${ids.proxmox}:node:pve2`)).body.members).toHaveLength(2);
      const overview = (await get<InfraOverview>('/api/infrastructure')).body;
      expect(sourceOf(overview, ids.ec2)).toMatchObject({ state: 'ok', error: null });
      expect(sourceOf(overview, ids.kuma)).toMatchObject({ state: 'error', error: { code: 'http_error' } });
      expect(overview.generatedAt).toBe('2026-03-01T10:01:00.000Z');
      expect(overview.tiles.find((x) => x.id === ids.ec2)?.memberCount).toBe(8);
    } finally {
      kuma.setFault(null);
      proxmox.setFault(null);
    }
    expect(await refresh(ids.kuma)).toMatchObject({
      state: 'ok',
      error: null,
      lastSuccessAt: '2026-03-01T10:01:00.000Z',
    });
  });

  it('answers the overview at once while a source hangs; refreshes join one bounded poll', async () => {
    const ec2Id = ids.ec2.slice('integration:'.length);
    const shortTimeout = await t.app.inject({
      method: 'PATCH',
      url: `/api/integrations/${ec2Id}`,
      headers: { cookie: admin },
      payload: { timeoutSeconds: 2 },
    });
    expect(shortTimeout.statusCode).toBe(200);
    await t.services.infrastructure.sync();
    expect((await refresh(ids.ec2)).state).toBe('ok');
    ec2.setFault('timeout');
    const before = ec2.requests();
    try {
      const started = performance.now();
      const polls = [refresh(ids.ec2), refresh(ids.ec2)];
      await new Promise((r) => setTimeout(r, 100));
      const overviewStarted = performance.now();
      const overview = await get<InfraOverview>('/api/infrastructure');
      const overviewMs = performance.now() - overviewStarted;
      expect(overview.status).toBe(200);
      expect(overviewMs).toBeLessThan(500);
      const [first, second] = await Promise.all(polls);
      const pollMs = performance.now() - started;
      expect(first).toMatchObject({ state: 'error', error: { code: 'timeout' } });
      expect(second).toEqual(first);
      expect(pollMs).toBeGreaterThan(1900);
      expect(pollMs).toBeLessThan(4500);
      // One poll for both refreshes: one request per region.
      expect(ec2.requests() - before).toBe(2);
      expect((await tile(ids.ec2)).body.members).toHaveLength(8);
    } finally {
      ec2.setFault(null);
    }
    expect((await refresh(ids.ec2)).state).toBe('ok');
  });

  it('re-polls with the new settings after every change, even within the same clock instant', async () => {
    const id = ids.proxmox.slice('integration:'.length);
    const patch = async (showTemplates: boolean) => {
      const r = await t.app.inject({
        method: 'PATCH',
        url: `/api/integrations/${id}`,
        headers: { cookie: admin },
        payload: { config: { url: proxmox.url, tokenId: proxmox.tokenId, showTemplates } },
      });
      expect(r.statusCode).toBe(200);
      await t.services.infrastructure.sync();
      await refresh(ids.proxmox);
      return (await tile(`${ids.proxmox}:node:pve1`)).body.members.map((m) => m.id);
    };
    expect(await patch(true)).toContain('qemu/9000');
    expect(await patch(false)).not.toContain('qemu/9000');
  });

  it('drops a removed integration from the overview', async () => {
    const id = ids.kuma.slice('integration:'.length);
    const r = await t.app.inject({
      method: 'DELETE',
      url: `/api/integrations/${id}`,
      headers: { cookie: admin },
    });
    expect(r.statusCode).toBe(204);
    await t.services.infrastructure.sync();
    const overview = (await get<InfraOverview>('/api/infrastructure')).body;
    expect(sourceOf(overview, ids.kuma)).toBeUndefined();
    expect((await tile(ids.kuma)).status).toBe(404);
  });
});
