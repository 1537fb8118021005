import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import {
  PULL_CLOSE,
  type AuditPage,
  type DockerHost,
  type ImageDetail,
  type ImageRemoveResult,
  type NetworkDetail,
  type PrunePreview,
  type PruneResult,
  type PullFrame,
  type VolumeDetail,
} from '@archnest/contract';
import {
  BUSYBOX_PATH,
  busyboxImage,
  freePort,
  runContainer,
  startDockerd,
  startRegistry,
  type DockerdServer,
  type RegistryServer,
} from '@archnest/test-support';
import { createUser, login, MEMBER_PASSWORD, setupAdmin } from '../helpers/accounts';
import { createTestApp, type TestApp } from '../helpers/test-app';

/** An image with an id of its own (busybox plus a marker file), so removing it is never "just untag". */
function uniqueImage(dockerd: DockerdServer, marker: string, tag?: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-objects-'));
  try {
    fs.mkdirSync(path.join(root, 'bin'));
    fs.copyFileSync(BUSYBOX_PATH, path.join(root, 'bin', 'busybox'));
    fs.chmodSync(path.join(root, 'bin', 'busybox'), 0o755);
    fs.symlinkSync('busybox', path.join(root, 'bin', 'sh'));
    fs.writeFileSync(path.join(root, 'marker'), marker);
    const tar = execFileSync('tar', ['-C', root, '-cf', '-', '.'], { maxBuffer: 64 * 1024 * 1024 });
    const out = dockerd.docker(['import', '-', ...(tag ? [tag] : [])], tar);
    return out.trim();
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

interface PullOutcome {
  frames: PullFrame[];
  code: number;
  status?: number;
}

/** Images, volumes and networks end to end: routes → service → Engine API → a real dockerd (and registry). */
describe('Docker images, volumes and networks over a real dockerd', () => {
  let dockerd: DockerdServer;
  let registry: RegistryServer;
  let t: TestApp;
  let base: string;
  let admin: string;
  let member: string;
  let host: DockerHost;
  let busybox: string;

  beforeAll(async () => {
    dockerd = await startDockerd();
    registry = await startRegistry();
    busybox = busyboxImage(dockerd.socketPath);
    runContainer(dockerd, { name: 'obj-running', image: busybox, stopTimeout: 1 });
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
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await registry?.stop();
    await dockerd?.stop();
  }, 60_000);

  const api = (method: 'GET' | 'DELETE' | 'POST', url: string, cookie = admin, payload?: object) =>
    t.app
      .inject({
        method,
        url: `/api/docker/hosts/${host.id}${url}`,
        headers: { cookie },
        ...(payload ? { payload } : {}),
      })
      .then((r) => ({ status: r.statusCode, body: r.body ? r.json<Record<string, unknown>>() : {} }));
  const enc = encodeURIComponent;

  const pull = (ref: string, cookie = admin): Promise<PullOutcome> =>
    new Promise((resolve, reject) => {
      const socket = new WebSocket(
        `${base.replace('http', 'ws')}/api/docker/hosts/${host.id}/pull?ref=${enc(ref)}`,
        {
          headers: { cookie, origin: base },
        },
      );
      const frames: PullFrame[] = [];
      socket.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString('utf8')) as PullFrame));
      socket.on('close', (code) => resolve({ frames, code }));
      socket.on('unexpected-response', (_req, res) => resolve({ frames, code: 0, status: res.statusCode }));
      socket.on('error', (error) =>
        error.message.includes('Unexpected server response') ? undefined : reject(error),
      );
    });

  const auditActions = async () =>
    (await t.app.inject({ url: '/api/admin/audit?limit=200', headers: { cookie: admin } }))
      .json<AuditPage>()
      .entries.filter((e) => e.action.startsWith('docker.'));

  it('lists what uses each image, volume and network, and lets members inspect', async () => {
    dockerd.docker(['volume', 'create', 'obj-listed']);
    dockerd.docker(['create', '--name', 'obj-mounter', '-v', 'obj-listed:/data', busybox, 'true']);
    const images = await api('GET', '/images', member);
    const bb = (images.body as unknown as { tags: string[]; usedBy: string[] }[]).find((i) =>
      i.tags.includes(busybox),
    );
    expect(bb?.usedBy).toEqual(expect.arrayContaining(['obj-running', 'obj-mounter']));
    const volumes = (await api('GET', '/volumes', member)).body as unknown as {
      name: string;
      usedBy: string[];
    }[];
    expect(volumes.find((v) => v.name === 'obj-listed')?.usedBy).toEqual(['obj-mounter']);

    const image = await api('GET', `/images/${enc(busybox)}`, member);
    expect(image.status).toBe(200);
    const detail = image.body as unknown as ImageDetail;
    expect(detail.id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(detail.tags).toContain(busybox);
    expect(detail.layers).toBe(1);
    expect(detail.usedBy.map((u) => u.name).sort()).toEqual(['obj-mounter', 'obj-running']);
    // By id too, with or without the algorithm.
    expect((await api('GET', `/images/${enc(detail.id)}`, member)).status).toBe(200);
    expect((await api('GET', `/images/${detail.id.slice(7, 19)}`, member)).status).toBe(200);

    const volume = (await api('GET', '/volumes/obj-listed', member)).body as unknown as VolumeDetail;
    expect(volume).toMatchObject({
      name: 'obj-listed',
      driver: 'local',
      usedBy: [{ name: 'obj-mounter', state: 'created' }],
    });
    const network = await api('GET', '/networks/none', member);
    expect(network.body as unknown as NetworkDetail).toMatchObject({ name: 'none', builtIn: true });
    expect((network.body as unknown as NetworkDetail).usedBy.map((u) => u.name)).toContain('obj-running');

    expect(await api('GET', '/images/no-such-image:1', member)).toMatchObject({
      status: 404,
      body: { error: 'not_found' },
    });
    expect(await api('GET', '/volumes/no-such-volume', member)).toMatchObject({ status: 404 });
    expect(await api('GET', '/networks/no-such-network', member)).toMatchObject({ status: 404 });
    for (const bad of ['-rf', 'UPPER/case', 'a b', 'x;id', '../etc']) {
      const answer = await api('GET', `/images/${enc(bad)}`, member);
      expect(answer, bad).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
    }
    expect(await api('GET', `/volumes/${enc('-rf')}`, member)).toMatchObject({ status: 400 });
    expect(await api('GET', `/networks/${enc('$(id)')}`, member)).toMatchObject({ status: 400 });
  });

  it('refuses every change to members, and never audits a refusal as a change', async () => {
    const before = (await auditActions()).length;
    expect((await api('DELETE', `/images/${enc(busybox)}`, member)).status).toBe(403);
    expect((await api('DELETE', '/volumes/obj-listed', member)).status).toBe(403);
    expect((await api('DELETE', '/networks/none', member)).status).toBe(403);
    for (const kind of ['images', 'volumes', 'networks'])
      expect((await api('POST', `/prune/${kind}`, member, {})).status).toBe(403);
    expect((await pull(`${registry.address}/x:1`, member)).status).toBe(403);
    // Previews are reads: members may look.
    expect((await api('GET', '/prune/images', member)).status).toBe(200);
    expect((await auditActions()).length).toBe(before);
  });

  it('names the containers that hold an image; while one runs, force only untags it', async () => {
    uniqueImage(dockerd, 'held', 'obj-held:1');
    runContainer(dockerd, {
      name: 'obj-holder',
      image: 'obj-held:1',
      command: ['sh', '-c', 'sleep 600'],
      stopTimeout: 1,
    });
    const refused = await api('DELETE', `/images/${enc('obj-held:1')}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toEqual({
      error: 'docker_in_use',
      message:
        'Image obj-held:1 on local is in use by container obj-holder (running): stop and remove the container first (while it runs, force only removes the tag).',
    });
    const forced = await api('DELETE', `/images/${enc('obj-held:1')}?force=true`);
    expect(forced.status).toBe(200);
    expect(forced.body).toEqual({ untagged: ['obj-held:1'], deleted: [] });
    // The image stays, untagged, for the container that runs it.
    const holder = JSON.parse(dockerd.docker(['inspect', 'obj-holder'])) as { Image: string }[];
    expect(await api('GET', `/images/${enc(holder[0]!.Image)}`)).toMatchObject({
      status: 200,
      body: { tags: [] },
    });
  });

  it('removes an image a stopped container uses only with force', async () => {
    const id = uniqueImage(dockerd, 'stopped', 'obj-stopped:1');
    dockerd.docker(['create', '--name', 'obj-stopped-user', 'obj-stopped:1', 'true']);
    const refused = await api('DELETE', `/images/${enc(id)}`);
    expect(refused).toMatchObject({ status: 409, body: { error: 'docker_in_use' } });
    expect(refused.body.message).toContain('obj-stopped-user (created)');
    const forced = await api('DELETE', `/images/${enc(id)}?force=true`);
    expect(forced.status).toBe(200);
    expect((forced.body as unknown as ImageRemoveResult).deleted).toContain(id);
    expect(await api('GET', `/images/${enc(id)}`)).toMatchObject({ status: 404 });
    dockerd.docker(['rm', 'obj-stopped-user']);
  });

  it('removes an unused image, and two removes of the same image at once give one 200 and one 404', async () => {
    for (let round = 0; round < 3; round++) {
      const id = uniqueImage(dockerd, `race-${round}`, `obj-race:${round}`);
      const answers = await Promise.all([
        api('DELETE', `/images/${enc(`obj-race:${round}`)}`),
        api('DELETE', `/images/${enc(`obj-race:${round}`)}`),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 404]);
      const won = answers.find((a) => a.status === 200)!.body as unknown as ImageRemoveResult;
      expect(won.untagged).toEqual([`obj-race:${round}`]);
      expect(won.deleted).toContain(id);
      expect(answers.find((a) => a.status === 404)!.body).toMatchObject({ error: 'not_found' });
    }
  });

  it('previews an image prune, and the prune removes exactly what the preview showed', async () => {
    const dangling = [uniqueImage(dockerd, 'dangling-a'), uniqueImage(dockerd, 'dangling-b')];
    const kept = uniqueImage(dockerd, 'tagged-unused', 'obj-unused:1');
    const preview = (await api('GET', '/prune/images')).body as unknown as PrunePreview;
    expect(preview.items.map((i) => i.id).sort()).toEqual([...dangling].sort());
    expect(preview.reclaimBytes).toBeGreaterThan(0);
    const all = (await api('GET', '/prune/images?all=true')).body as unknown as PrunePreview;
    expect(all.items.map((i) => i.id)).toEqual(expect.arrayContaining([...dangling, kept]));
    expect(all.items.map((i) => i.name)).not.toContain(busybox);

    const pruned = await api('POST', '/prune/images', admin, { all: false });
    expect(pruned.status).toBe(200);
    const result = pruned.body as unknown as PruneResult;
    expect(result.removed.map((i) => i.id).sort()).toEqual(preview.items.map((i) => i.id).sort());
    expect(result.reclaimedBytes).toBeGreaterThan(0);
    expect(await api('GET', `/images/${enc(kept)}`)).toMatchObject({ status: 200 });
    expect(((await api('GET', '/prune/images')).body as unknown as PrunePreview).items).toEqual([]);
  });

  it('refuses a volume in use naming the container, and prunes only unused volumes', async () => {
    dockerd.docker(['volume', 'create', 'obj-free-a']);
    dockerd.docker(['volume', 'create', 'obj-free-b']);
    const refused = await api('DELETE', '/volumes/obj-listed');
    expect(refused).toEqual({
      status: 409,
      body: {
        error: 'docker_in_use',
        message:
          'Volume obj-listed on local is in use by container obj-mounter (created): remove the container first.',
      },
    });
    const preview = (await api('GET', '/prune/volumes')).body as unknown as PrunePreview;
    expect(preview.items.map((i) => i.name).sort()).toEqual(['obj-free-a', 'obj-free-b']);
    const pruned = (await api('POST', '/prune/volumes', admin, {})).body as unknown as PruneResult;
    expect(pruned.removed.map((i) => i.name).sort()).toEqual(['obj-free-a', 'obj-free-b']);
    expect(await api('GET', '/volumes/obj-listed')).toMatchObject({ status: 200 });
    dockerd.docker(['volume', 'create', 'obj-gone']);
    expect(await api('DELETE', '/volumes/obj-gone')).toMatchObject({ status: 204 });
    expect(await api('DELETE', '/volumes/obj-gone')).toMatchObject({
      status: 404,
      body: { error: 'not_found' },
    });
  });

  it('refuses Docker’s own networks and networks in use, and prunes unused ones', async () => {
    expect(await api('DELETE', '/networks/host')).toEqual({
      status: 409,
      body: {
        error: 'docker_conflict',
        message: "Network host on local is one of Docker's own networks and cannot be removed.",
      },
    });
    dockerd.docker(['network', 'create', '--internal', 'obj-net-used']);
    dockerd.docker(['network', 'create', '--internal', 'obj-net-free']);
    dockerd.docker([
      'run',
      '-d',
      '--name',
      'obj-net-user',
      '--network',
      'obj-net-used',
      '--stop-timeout',
      '1',
      busybox,
      'sleep',
      '600',
    ]);
    const refused = await api('DELETE', '/networks/obj-net-used');
    expect(refused).toEqual({
      status: 409,
      body: {
        error: 'docker_in_use',
        message:
          'Network obj-net-used on local is in use by container obj-net-user (running): disconnect or remove the container first.',
      },
    });
    const preview = (await api('GET', '/prune/networks')).body as unknown as PrunePreview;
    expect(preview.items.map((i) => i.name)).toEqual(['obj-net-free']);
    const pruned = (await api('POST', '/prune/networks', admin, {})).body as unknown as PruneResult;
    expect(pruned.removed.map((i) => i.name)).toEqual(['obj-net-free']);
    dockerd.docker(['network', 'disconnect', 'obj-net-used', 'obj-net-user']);
    expect(await api('DELETE', '/networks/obj-net-used')).toMatchObject({ status: 204 });
  });

  it('pulls from a registry with live per-layer progress, then lists the image', async () => {
    const ref = registry.push(dockerd, uniqueImage(dockerd, 'pulled', 'obj-to-push:1'), 'archnest/pulled:1');
    dockerd.docker(['rmi', 'obj-to-push:1']);
    const outcome = await pull(ref);
    expect(outcome.code).toBe(PULL_CLOSE.done);
    const progress = outcome.frames.filter((f) => f.type === 'progress');
    // Per layer: the daemon reports bytes as they arrive, then the layer complete.
    expect(
      progress.some((f) => f.layer && f.total !== undefined && f.total > 0 && f.current !== undefined),
    ).toBe(true);
    expect(progress.some((f) => f.status === 'Pull complete')).toBe(true);
    expect(progress.map((f) => f.status)).toContain(`Status: Downloaded newer image for ${ref}`);
    expect(outcome.frames.at(-1)).toEqual({ type: 'done', ref, status: `Pulled ${ref}.` });
    const image = (await api('GET', `/images/${enc(ref)}`)).body as unknown as ImageDetail;
    expect(image.tags).toEqual([ref]);
    const again = await pull(ref);
    expect(again.frames.map((f) => (f.type === 'progress' ? f.status : f.type))).toContain(
      `Status: Image is up to date for ${ref}`,
    );
  });

  it('a failed pull says why in the daemon’s words; a bad reference never reaches it', async () => {
    const port = await freePort();
    const nowhere = await pull(`127.0.0.1:${port}/archnest/none:1`);
    expect(nowhere.code).toBe(PULL_CLOSE.failed);
    const last = nowhere.frames.at(-1);
    expect(last?.type).toBe('error');
    expect(last?.type === 'error' && last.message).toMatch(
      new RegExp(`^Pulling 127\\.0\\.0\\.1:${port}/archnest/none:1 on local failed: .*connection refused`),
    );
    const missing = await pull(`${registry.address}/archnest/never-pushed:1`);
    expect(missing.code).toBe(PULL_CLOSE.notFound);
    expect(missing.frames.at(-1)).toMatchObject({
      type: 'error',
      message: expect.stringMatching(/not found|unknown/i),
    });
    for (const bad of ['UPPER:1', 'a b', '-rf', 'name:$(id)', '']) {
      const refused = await pull(bad);
      expect(refused.code, bad).toBe(PULL_CLOSE.invalid);
    }
  });

  it('audits every change with its outcome', async () => {
    const rows = await auditActions();
    const seen = rows.map((r) => `${r.action} ${String(r.detail.result)}`);
    for (const expected of [
      'docker.image.remove failed',
      'docker.image.remove ok',
      'docker.image.prune ok',
      'docker.volume.remove failed',
      'docker.volume.prune ok',
      'docker.network.remove failed',
      'docker.network.prune ok',
      'docker.image.pull ok',
      'docker.image.pull failed',
    ])
      expect(seen, expected).toContain(expected);
    const prune = rows.find((r) => r.action === 'docker.volume.prune');
    expect(prune).toMatchObject({
      actorName: 'admin',
      targetName: 'local/volumes',
      detail: { host: 'local' },
    });
    expect([...(prune?.detail.removed as string[])].sort()).toEqual(['obj-free-a', 'obj-free-b']);
    const forced = rows.find((r) => r.action === 'docker.image.remove' && r.detail.force === true);
    expect(forced?.detail.result).toBe('ok');
  });
});
