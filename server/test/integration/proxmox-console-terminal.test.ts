import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TERMINAL_HIGH_WATERMARK, type AuditPage, type Integration } from '@archnest/contract';
import { startProxmoxFake, type ProxmoxFake } from '@archnest/test-support';
import { createUser, login, MEMBER_PASSWORD, setupAdmin } from '../helpers/accounts';
import { TerminalClient } from '../helpers/terminal-client';
import { createTestApp, type TestApp } from '../helpers/test-app';

/** Proxmox consoles as terminal panes: the terminal socket relays a termproxy session from the fake. */
describe('Proxmox consoles over the terminal socket', () => {
  let fake: ProxmoxFake;
  let t: TestApp;
  let base = '';
  let admin: string;
  let member: string;
  let id = '';

  beforeAll(async () => {
    fake = await startProxmoxFake({ tls: 'self-signed' });
    t = await createTestApp({ env: { ARCHNEST_EDITION: 'pro' } });
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
      },
    });
    id = created.json<Integration>().id;
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    await t?.close();
    await fake?.stop();
  });

  const pane = async (
    cookie: string,
    guestType: 'qemu' | 'lxc' | 'node',
    node: string,
    vmid: number | null,
    autoAck = true,
  ) => {
    const client = new TerminalClient(
      `${base.replace('http', 'ws')}/api/terminal`,
      { cookie, origin: base },
      autoAck,
    );
    await client.opened;
    client.send({
      type: 'pve_console',
      integrationId: id,
      node,
      guestType,
      vmid,
      tabId: 'tab-1',
      cols: 90,
      rows: 25,
    });
    return client;
  };

  it('relays a container console: ready, input, output, resize; audited', async () => {
    const client = await pane(admin, 'lxc', 'pve1', 200);
    await client.until(() => client.message('ready') !== undefined, 'ready');
    expect(client.message('ready')).toMatchObject({ hostName: 'Homelab: CT 200 on pve1' });
    await client.until(() => client.text().includes('root@200:~# '), 'prompt');
    client.type('echo through the relay\r');
    await client.until(() => client.text().includes('through the relay\r\n'), 'echo');
    client.send({ type: 'resize', cols: 120, rows: 40 });
    client.type('stty size\r');
    await client.until(() => client.text().includes('40 120'), 'stty size');
    const resizes = fake.consoles.at(-1)?.resizes ?? [];
    expect(resizes[0]).toBe('90x25');
    expect(resizes.at(-1)).toBe('120x40');
    client.send({ type: 'close' });
    await client.closed;
    const audit = await t.app.inject({
      url: '/api/admin/audit?action=guest.console',
      headers: { cookie: admin },
    });
    expect(audit.json<AuditPage>().entries[0]).toMatchObject({
      actorName: 'admin',
      targetId: `${id}/pve1/lxc/200`,
      detail: { result: 'ok' },
    });
  });

  it('holds a flood back while the browser does not ack: the Proxmox socket stops being read', async () => {
    const flood = 48_000_000;
    const client = await pane(admin, 'lxc', 'pve1', 200, false);
    await client.until(() => client.text().includes('root@200:~# '), 'prompt');
    const record = fake.consoles.at(-1)!;
    client.type(`flood ${flood}\r`);
    await client.until(() => client.received >= TERMINAL_HIGH_WATERMARK, 'the flood to reach the watermark');
    await new Promise((r) => setTimeout(r, 500));
    const stalled = client.received;
    const sent = record.floodSent;
    await new Promise((r) => setTimeout(r, 500));
    // Nothing more reaches the browser, and the fake's termproxy is held back by the full socket
    // (kernel buffers hold a few MB at most), rather than the server reading on into memory.
    expect(client.received).toBe(stalled);
    expect(stalled).toBeLessThan(TERMINAL_HIGH_WATERMARK + 256 * 1024);
    expect(record.floodSent).toBe(sent);
    expect(sent).toBeLessThan(flood / 2);

    let acked = 0;
    await client.until(
      () => {
        if (client.received > acked) {
          client.send({ type: 'ack', bytes: client.received - acked });
          acked = client.received;
        }
        return client.text().includes('FLOOD-DONE');
      },
      'the rest of the flood after acks',
      30_000,
    );
    expect(client.received).toBeGreaterThan(flood);
    client.send({ type: 'close' });
    await client.closed;
  });

  it('opens a node shell', async () => {
    const client = await pane(admin, 'node', 'pve2', null);
    await client.until(() => client.text().includes('root@pve2:~# '), 'node prompt');
    client.send({ type: 'close' });
    await client.closed;
  });

  it('says which privilege is missing, refuses a stopped guest and members', async () => {
    fake.denied.add('VM.Console');
    try {
      const denied = await pane(admin, 'qemu', 'pve1', 100);
      await denied.until(() => denied.message('error') !== undefined, 'error');
      expect(denied.message('error')).toMatchObject({
        error: 'hypervisor_privilege_missing',
        message: expect.stringContaining('VM.Console privilege on /vms/100') as string,
      });
    } finally {
      fake.denied.delete('VM.Console');
    }
    const stopped = await pane(admin, 'qemu', 'pve1', 101);
    await stopped.until(() => stopped.message('error') !== undefined, 'error');
    expect(stopped.message('error')).toMatchObject({
      error: 'guest_action_refused',
      message: 'Proxmox refused: VM 101 not running',
    });
    const asMember = await pane(member, 'lxc', 'pve1', 200);
    await asMember.until(() => asMember.message('error') !== undefined, 'error');
    expect(asMember.message('error')).toMatchObject({ error: 'forbidden' });
  });

  it('is refused in the community edition', async () => {
    const community = await createTestApp({ env: { ARCHNEST_EDITION: 'community' } });
    try {
      const cookie = await setupAdmin(community.app);
      await community.app.listen({ port: 0, host: '127.0.0.1' });
      const address = community.app.server.address();
      if (!address || typeof address === 'string') throw new Error('no address');
      const url = `http://127.0.0.1:${address.port}`;
      const client = new TerminalClient(`${url.replace('http', 'ws')}/api/terminal`, { cookie, origin: url });
      await client.opened;
      client.send({
        type: 'pve_console',
        integrationId: id,
        node: 'pve1',
        guestType: 'lxc',
        vmid: 200,
        tabId: 't',
        cols: 80,
        rows: 24,
      });
      await client.until(() => client.message('error') !== undefined, 'error');
      expect(client.message('error')).toMatchObject({ error: 'feature_unavailable' });
    } finally {
      await community.close();
    }
  });
});
