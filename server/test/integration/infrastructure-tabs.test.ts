import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InfraSourceMembers, Integration } from '@archnest/contract';
import { startEc2Fake, startProxmoxFake, type Ec2Fake, type ProxmoxFake } from '@archnest/test-support';
import { createUser, login, MEMBER_PASSWORD, setupAdmin } from '../helpers/accounts';
import { createTestApp, dialects, type TestApp } from '../helpers/test-app';

/** An integration's own tab: every member of one source across its tiles (pro), refused in community. */
describe.each(dialects)('infrastructure tabs (%s)', (dialect) => {
  let proxmox: ProxmoxFake;
  let ec2: Ec2Fake;
  let pro: TestApp;
  let community: TestApp;
  const cookies = { admin: '', member: '', communityAdmin: '' };
  const ids = { proxmox: '', ec2: '' };

  const add = async (t: TestApp, cookie: string, payload: object) => {
    const r = await t.app.inject({ method: 'POST', url: '/api/integrations', headers: { cookie }, payload });
    expect(r.statusCode).toBe(201);
    return `integration:${r.json<Integration>().id}`;
  };
  const proxmoxBody = () => ({
    kind: 'proxmox',
    name: 'Homelab',
    config: { url: proxmox.url, tokenId: proxmox.tokenId },
    secrets: { tokenSecret: proxmox.tokenSecret },
    tls: { pinnedSha256: proxmox.fingerprint },
  });

  beforeAll(async () => {
    proxmox = await startProxmoxFake({ tls: 'self-signed' });
    ec2 = await startEc2Fake({ pageSize: 3 });
    pro = await createTestApp({ dialect, env: { ARCHNEST_EDITION: 'pro' } });
    cookies.admin = await setupAdmin(pro.app);
    await createUser(pro.app, cookies.admin, 'viewer');
    cookies.member = await login(pro.app, 'viewer', MEMBER_PASSWORD);
    ids.proxmox = await add(pro, cookies.admin, proxmoxBody());
    ids.ec2 = await add(pro, cookies.admin, {
      kind: 'aws-ec2',
      name: 'AWS',
      config: { regions: ['eu-central-1', 'us-east-1'], accessKeyId: ec2.accessKeyId, endpoint: ec2.url },
      secrets: { secretAccessKey: ec2.secretAccessKey },
    });
    const host = await pro.app.inject({
      method: 'POST',
      url: '/api/hosts',
      headers: { cookie: cookies.admin },
      payload: {
        name: 'bastion',
        address: '127.0.0.1',
        username: 'ops',
        authMethod: 'password',
        password: 'pw',
        access: 'chosen',
        allowedUserIds: [],
      },
    });
    expect(host.statusCode).toBe(201);
    await pro.services.infrastructure.sync();
    await pro.services.infrastructure.refresh(ids.proxmox);
    await pro.services.infrastructure.refresh(ids.ec2);

    community = await createTestApp({ dialect });
    cookies.communityAdmin = await setupAdmin(community.app);
  }, 60_000);
  afterAll(async () => {
    await pro?.close();
    await community?.close();
    await Promise.all([proxmox?.stop(), ec2?.stop()]);
  });

  const members = async (app: TestApp, sourceId: string, cookie: string) => {
    const r = await app.app.inject({
      url: `/api/infrastructure/sources/${encodeURIComponent(sourceId)}/members`,
      headers: { cookie, 'accept-encoding': 'identity' },
    });
    return { status: r.statusCode, body: JSON.parse(r.body) as InfraSourceMembers & { error?: string } };
  };

  it('lists every guest of every Proxmox node with its node, to a member too', async () => {
    for (const cookie of [cookies.admin, cookies.member]) {
      const { status, body } = await members(pro, ids.proxmox, cookie);
      expect(status).toBe(200);
      expect(body.source).toMatchObject({ id: ids.proxmox, kind: 'proxmox', state: 'ok' });
      expect(body.tiles.map((tile) => tile.title)).toEqual(['pve1', 'pve2', 'pve3']);
      const byId = body.members.map((m) => [m.id, m.name, m.group, m.status]);
      expect(byId).toEqual([
        ['qemu/100', 'web', 'pve1', 'running'],
        ['qemu/101', 'db', 'pve1', 'stopped'],
        ['lxc/200', 'dns', 'pve1', 'running'],
        ['qemu/102', 'mail', 'pve2', 'running'],
        ['lxc/201', 'proxy', 'pve2', 'running'],
        ['qemu/105', 'VM 105', 'pve3', 'unknown'],
        ['lxc/205', 'CT 205', 'pve3', 'unknown'],
      ]);
      expect(body.members[0]).toMatchObject({
        tileId: `${ids.proxmox}:node:pve1`,
        tags: ['prod', 'web'],
        diskTotalBytes: 32 * 1024 ** 3,
      });
    }
  });

  it('lists a one-tile source (EC2, both regions) without a group', async () => {
    const { status, body } = await members(pro, ids.ec2, cookies.member);
    expect(status).toBe(200);
    expect(body.members).toHaveLength(8);
    expect(new Set(body.members.map((m) => m.group))).toEqual(new Set([null]));
    const regions = body.members.map((m) => m.details.find((d) => d.label === 'Region')?.value);
    expect(new Set(regions)).toEqual(new Set(['eu-central-1', 'us-east-1']));
  });

  it('follows a new poll: a guest the cluster no longer reports leaves the tab', async () => {
    const before = (await members(pro, ids.proxmox, cookies.admin)).body.members.length;
    const index = proxmox.resources.findIndex((r) => r.id === 'lxc/201');
    const [removed] = proxmox.resources.splice(index, 1);
    try {
      await pro.services.infrastructure.refresh(ids.proxmox);
      const after = (await members(pro, ids.proxmox, cookies.admin)).body.members;
      expect(after).toHaveLength(before - 1);
      expect(after.some((m) => m.id === 'lxc/201')).toBe(false);
    } finally {
      if (removed) proxmox.resources.splice(index, 0, removed);
      await pro.services.infrastructure.refresh(ids.proxmox);
    }
  });

  it('answers 404 for an unknown source and for the SSH hosts of a member who may use none', async () => {
    expect((await members(pro, 'integration:nope', cookies.admin)).status).toBe(404);
    const all = await members(pro, 'ssh', cookies.admin);
    expect(all.body.members.map((m) => m.name)).toEqual(['bastion']);
    const hidden = await members(pro, 'ssh', cookies.member);
    expect(hidden.status).toBe(404);
    expect(hidden.body.error).toBe('not_found');
  });

  it('refuses the route in the community edition, even to an admin with a real source', async () => {
    const id = await add(community, cookies.communityAdmin, proxmoxBody());
    await community.services.infrastructure.sync();
    await community.services.infrastructure.refresh(id);
    const { status, body } = await members(community, id, cookies.communityAdmin);
    expect(status).toBe(403);
    expect(body.error).toBe('feature_unavailable');
    expect(JSON.stringify(body)).not.toContain('pve1');
  });
});
