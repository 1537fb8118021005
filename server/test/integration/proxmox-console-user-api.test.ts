import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage, Integration } from '@archnest/contract';
import { OLD_PVE, startProxmoxFake, type ProxmoxFake } from '@archnest/test-support';
import { setupAdmin } from '../helpers/accounts';
import { TerminalClient } from '../helpers/terminal-client';
import { createTestApp, dialects, type TestApp } from '../helpers/test-app';

const PASSWORD = 'fake-root-password';

/** The console user through the API: sealed, never returned, used by the terminal socket on an old cluster. */
describe.each(dialects)('Proxmox console user over the API (%s)', (dialect) => {
  let fake: ProxmoxFake;
  let t: TestApp;
  let base = '';
  let admin: string;
  let id = '';

  const body = (extra: { config?: object; secrets?: object }) => ({
    kind: 'proxmox',
    name: 'Old cluster',
    config: { url: fake.url, tokenId: fake.tokenId, ...extra.config },
    secrets: { tokenSecret: fake.tokenSecret, ...extra.secrets },
    tls: { pinnedSha256: fake.fingerprint },
  });

  beforeAll(async () => {
    fake = await startProxmoxFake({ tls: 'self-signed', versions: OLD_PVE, noSerial: [102] });
    t = await createTestApp({ dialect, env: { ARCHNEST_EDITION: 'pro' } });
    admin = await setupAdmin(t.app);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    await t?.close();
    await fake?.stop();
  });

  const pane = async (guestType: 'qemu' | 'lxc' | 'node', node: string, vmid: number | null) => {
    const client = new TerminalClient(`${base.replace('http', 'ws')}/api/terminal`, {
      cookie: admin,
      origin: base,
    });
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

  it('wants the user and its password together, in the user@realm form', async () => {
    const post = (payload: object) =>
      t.app.inject({ method: 'POST', url: '/api/integrations', headers: { cookie: admin }, payload });
    const lone = await post(body({ config: { consoleUser: 'root@pam' } }));
    expect(lone.statusCode).toBe(400);
    expect(lone.json()).toMatchObject({
      message: expect.stringContaining(
        'A console user needs both the user (user@realm) and its password.',
      ) as string,
    });
    const badForm = await post(
      body({ config: { consoleUser: 'root' }, secrets: { consolePassword: PASSWORD } }),
    );
    expect(badForm.statusCode).toBe(400);
    expect(JSON.stringify(badForm.json())).toContain('Use the form user@realm, e.g. root@pam.');
  });

  it('seals the password and never returns it', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/integrations',
      headers: { cookie: admin },
      payload: body({ config: { consoleUser: 'root@pam' }, secrets: { consolePassword: PASSWORD } }),
    });
    expect(created.statusCode).toBe(201);
    const integration = created.json<Integration>();
    id = integration.id;
    expect(integration.config).toMatchObject({ consoleUser: 'root@pam' });
    expect(integration.secretsSet.sort()).toEqual(['consolePassword', 'tokenSecret']);
    const listed = await t.app.inject({ url: '/api/integrations', headers: { cookie: admin } });
    expect(listed.body).not.toContain(PASSWORD);
    expect(created.body).not.toContain(PASSWORD);
    const row = await t.database.db
      .selectFrom('integrations')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(PASSWORD);
  });

  it('opens a container console on the old cluster through the ticket, and audits it', async () => {
    const logins = fake.logins.length;
    const client = await pane('lxc', 'pve1', 200);
    await client.until(() => client.text().includes('root@200:~# '), 'prompt');
    client.type('echo über die Brücke\r');
    await client.until(() => client.text().includes('über die Brücke\r\n'), 'echo');
    expect(fake.consoles.at(-1)?.user).toBe('root@pam');
    expect(fake.logins.slice(logins)).toEqual(['root@pam']);
    client.send({ type: 'close' });
    await client.closed;
    const audit = await t.app.inject({
      url: '/api/admin/audit?action=guest.console',
      headers: { cookie: admin },
    });
    expect(audit.json<AuditPage>().entries[0]).toMatchObject({
      targetId: `${id}/pve1/lxc/200`,
      detail: { result: 'ok' },
    });
  });

  it('answers console_unavailable in plain words for a VM without a serial port, audited as failed', async () => {
    const client = await pane('qemu', 'pve2', 102);
    await client.until(() => client.message('error') !== undefined, 'error');
    expect(client.message('error')).toMatchObject({
      error: 'console_unavailable',
      message: expect.stringMatching(/^VM 102 has no serial port, so it has no text console\./) as string,
    });
    client.close();
    await client.closed;
    const audit = await t.app.inject({
      url: '/api/admin/audit?action=guest.console',
      headers: { cookie: admin },
    });
    expect(audit.json<AuditPage>().entries[0]).toMatchObject({
      targetId: `${id}/pve2/qemu/102`,
      detail: { result: 'failed' },
    });
  });

  it('answers console_unavailable when the console user is removed from an old cluster', async () => {
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `/api/integrations/${id}`,
      headers: { cookie: admin },
      payload: { config: { url: fake.url, tokenId: fake.tokenId }, secrets: { consolePassword: null } },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json<Integration>().secretsSet).toEqual(['tokenSecret']);
    const client = await pane('node', 'pve1', null);
    await client.until(() => client.message('error') !== undefined, 'error');
    expect(client.message('error')).toMatchObject({
      error: 'console_unavailable',
      message: expect.stringContaining('Proxmox VE 8.4.1 does not let an API token open consoles') as string,
    });
    client.close();
    await client.closed;
  });
});
