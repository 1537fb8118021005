import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxmoxFake, type ProxmoxFake } from '@archnest/test-support';
import { IntegrationError } from '../../src/integrations/integration-error';
import { ProxmoxIntegration } from '../../src/integrations/proxmox/proxmox.integration';

/** Proxmox VE over its API token against the loopback fake (cluster-CA-issued leaf, CA trusted). */
describe('Proxmox VE integration', () => {
  let fake: ProxmoxFake;
  const make = (showTemplates: boolean, tokenSecret = fake.tokenSecret) =>
    new ProxmoxIntegration({
      id: 'p1',
      name: 'Homelab',
      config: { url: `${fake.url}/`, tokenId: fake.tokenId, showTemplates },
      secrets: { tokenSecret },
      tls: { pinnedSha256: null, ca: fake.caPem },
    });

  beforeAll(async () => {
    fake = await startProxmoxFake({ tls: 'ca-issued' });
  });
  afterAll(async () => {
    await fake?.stop();
  });

  it('gives each node a tile with its guests, VMs and containers labelled, templates hidden', async () => {
    const snapshot = await make(false).listResources(AbortSignal.timeout(5000));
    expect(snapshot.groups.map((g) => [g.key, g.title, g.subtitle, g.health])).toEqual([
      ['node:pve1', 'pve1', 'Homelab', 'ok'],
      ['node:pve2', 'pve2', 'Homelab', 'ok'],
      ['node:pve3', 'pve3', 'Homelab', 'error'],
    ]);
    const pve1 = snapshot.groups[0]?.members ?? [];
    expect(pve1.map((m) => [m.id, m.name, m.type, m.status, m.health])).toEqual([
      ['qemu/100', 'web', 'vm', 'running', 'ok'],
      ['qemu/101', 'db', 'vm', 'stopped', 'off'],
      ['lxc/200', 'dns', 'lxc', 'running', 'ok'],
    ]);
    const web = pve1[0];
    expect(web).toMatchObject({
      cpu: 0.031,
      memoryUsedBytes: 1024 ** 3,
      memoryTotalBytes: 4 * 1024 ** 3,
      diskTotalBytes: 32 * 1024 ** 3,
      uptimeSeconds: 3600,
      tags: ['prod', 'web'],
    });
    expect(web?.details).toContainEqual({ label: 'VMID', value: '100' });
    expect(pve1[2]?.tags).toEqual(['infra', 'dns']);
  });

  it('lists guests of an offline node by vmid, and shows templates only when asked', async () => {
    const hidden = await make(false).listResources(AbortSignal.timeout(5000));
    const offline = hidden.groups.find((g) => g.key === 'node:pve3');
    expect(offline?.members.map((m) => [m.name, m.status, m.health])).toEqual([
      ['VM 105', 'unknown', 'unknown'],
      ['CT 205', 'unknown', 'unknown'],
    ]);
    expect(offline?.summary).toBe('Node offline · 2 guests');
    const all = hidden.groups.flatMap((g) => g.members.map((m) => m.id));
    expect(all).not.toContain('qemu/9000');
    expect(all).not.toContain('storage/pve1/local');

    const shown = await make(true).listResources(AbortSignal.timeout(5000));
    const template = shown.groups[0]?.members.find((m) => m.id === 'qemu/9000');
    expect(template?.details).toContainEqual({ label: 'Template', value: 'yes' });
  });

  it('reports a wrong token secret as auth_failed', async () => {
    const err = await make(false, 'wrong')
      .listResources(AbortSignal.timeout(5000))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntegrationError);
    expect((err as IntegrationError).code).toBe('auth_failed');
  });

  it('refuses chunked request bodies with 501 and answers a declared-length power request with a UPID', async () => {
    const post = (chunked: boolean) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = https.request(
          `${fake.url}/api2/json/nodes/pve2/qemu/102/status/reboot`,
          {
            method: 'POST',
            ca: fake.caPem ?? undefined,
            headers: {
              authorization: `PVEAPIToken=${fake.tokenId}=${fake.tokenSecret}`,
              'content-type': 'application/x-www-form-urlencoded',
              ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': '0' }),
            },
          },
          (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString('utf8')));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', reject);
        req.end(chunked ? 'a=1' : undefined);
      });
    expect((await post(true)).status).toBe(501);
    const ok = await post(false);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({
      data: expect.stringMatching(
        /^UPID:pve2:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}:qmreboot:102:monitor@pve!archnest:$/,
      ),
    });
  });
});
