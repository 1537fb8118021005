import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Credential, Host, ImportPreview } from '@archnest/contract';
import { createUser, login, MEMBER_PASSWORD, setupAdmin } from '../helpers/accounts';
import { makePrivateKey } from '../helpers/keys';
import { createTestApp, dialects, type TestApp } from '../helpers/test-app';

const SECRET_PASSWORD = 'pw-Zx81-never-shown';

describe.each(dialects)('hosts and credentials on %s', (dialect) => {
  let t: TestApp;
  let admin: string;
  const key = makePrivateKey('ed25519', 'open sesame');

  beforeEach(async () => {
    t = await createTestApp({ dialect });
    admin = await setupAdmin(t.app);
  });
  afterEach(async () => {
    await t.close();
  });

  const post = (url: string, payload: object, cookie = admin) =>
    t.app.inject({ method: 'POST', url, headers: { cookie }, payload });
  const patch = (url: string, payload: object, cookie = admin) =>
    t.app.inject({ method: 'PATCH', url, headers: { cookie }, payload });
  const hostBody = (over: object = {}) => ({
    name: 'web1',
    address: 'web1.lan',
    username: 'deploy',
    authMethod: 'password',
    password: SECRET_PASSWORD,
    ...over,
  });

  it('stores hosts with sealed secrets that no answer ever contains', async () => {
    const created = await post('/api/hosts', hostBody({ tags: ['prod'], folder: 'Web' }));
    expect(created.statusCode).toBe(201);
    const host = created.json<Host>();
    expect(host).toMatchObject({
      name: 'web1',
      port: 22,
      hasPassword: true,
      hasPrivateKey: false,
      tags: ['prod'],
      folder: 'Web',
      hostKey: null,
    });
    const keyed = await post(
      '/api/hosts',
      hostBody({
        name: 'web2',
        authMethod: 'key',
        password: undefined,
        privateKey: key,
        passphrase: 'open sesame',
      }),
    );
    expect(keyed.json()).toMatchObject({ hasPrivateKey: true, hasPassphrase: true, hasPassword: false });

    const everything = JSON.stringify([
      created.json(),
      keyed.json(),
      (await t.app.inject({ url: '/api/hosts', headers: { cookie: admin } })).json(),
      (await t.app.inject({ url: '/api/admin/audit', headers: { cookie: admin } })).json(),
    ]);
    for (const secret of [SECRET_PASSWORD, 'open sesame', 'PRIVATE KEY'])
      expect(everything).not.toContain(secret);
    const rows = await t.database.db.selectFrom('hosts').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(SECRET_PASSWORD);
    expect(rows.find((r) => r.name === 'web1')?.password_sealed).toMatch(/^v1:/);
  });

  it('keeps, replaces or clears secrets on update and drops the ones a new method does not use', async () => {
    const host = (await post('/api/hosts', hostBody())).json<Host>();
    expect((await patch(`/api/hosts/${host.id}`, { notes: 'rack 3' })).json()).toMatchObject({
      notes: 'rack 3',
      hasPassword: true,
    });
    const switched = await patch(`/api/hosts/${host.id}`, {
      authMethod: 'key',
      privateKey: key,
      passphrase: 'open sesame',
    });
    expect(switched.json()).toMatchObject({ authMethod: 'key', hasPassword: false, hasPrivateKey: true });
    const cleared = await patch(`/api/hosts/${host.id}`, { privateKey: null });
    expect(cleared.statusCode).toBe(400);
    expect(cleared.json()).toMatchObject({ error: 'invalid_secret' });
    const plan = await t.services.hosts.connectionPlan(host.id);
    expect(plan[0]!.secrets).toMatchObject({ privateKey: key, passphrase: 'open sesame', password: null });
  });

  it('checks private keys and passphrases when a host is saved', async () => {
    const wrong = await post(
      '/api/hosts',
      hostBody({ authMethod: 'key', password: undefined, privateKey: key, passphrase: 'nope' }),
    );
    expect(wrong.json()).toMatchObject({
      error: 'invalid_secret',
      message: 'The passphrase does not open the private key.',
    });
    const missing = await post(
      '/api/hosts',
      hostBody({ authMethod: 'key', password: undefined, privateKey: key }),
    );
    expect(missing.json().message).toContain('encrypted');
    const garbage = await post(
      '/api/hosts',
      hostBody({
        authMethod: 'key',
        password: undefined,
        privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nxx\n-----END OPENSSH PRIVATE KEY-----',
      }),
    );
    expect(garbage.json().message).toContain('could not be read');
    const noSecret = await post('/api/hosts', hostBody({ password: undefined }));
    expect(noSecret.json()).toMatchObject({ error: 'invalid_secret' });
    const badAddress = await post('/api/hosts', hostBody({ address: '-oProxyCommand=touch' }));
    expect(badAddress.statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/hosts', headers: { cookie: admin } })).json()).toEqual([]);
  });

  it('shares a reusable credential between hosts and refuses to delete it while used', async () => {
    const cred = (
      await post('/api/credentials', {
        name: 'ops key',
        kind: 'key',
        privateKey: key,
        passphrase: 'open sesame',
      })
    ).json<Credential>();
    expect(cred).toMatchObject({ kind: 'key', hasPrivateKey: true, hasPassphrase: true, usedBy: 0 });
    const host = (
      await post('/api/hosts', hostBody({ authMethod: 'key', password: undefined, credentialId: cred.id }))
    ).json<Host>();
    expect(host).toMatchObject({ credentialId: cred.id, hasPrivateKey: false });
    const mismatch = await post('/api/hosts', hostBody({ name: 'x', credentialId: cred.id }));
    expect(mismatch.json().message).toContain('is a key credential, not password');
    const list = (await t.app.inject({ url: '/api/credentials', headers: { cookie: admin } })).json<
      Credential[]
    >();
    expect(list[0]!.usedBy).toBe(1);
    expect(JSON.stringify(list)).not.toContain('open sesame');
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/credentials/${cred.id}`,
      headers: { cookie: admin },
    });
    expect(del.statusCode).toBe(409);
    expect(del.json()).toMatchObject({ error: 'credential_in_use' });
    const plan = await t.services.hosts.connectionPlan(host.id);
    expect(plan[0]!.secrets.privateKey).toBe(key);
  });

  it('builds jump chains, expands a jump host’s own chain, and refuses loops and in-use deletes', async () => {
    const a = (await post('/api/hosts', hostBody({ name: 'a' }))).json<Host>();
    const b = (await post('/api/hosts', hostBody({ name: 'b', jumpHostIds: [a.id] }))).json<Host>();
    const c = (await post('/api/hosts', hostBody({ name: 'c', jumpHostIds: [b.id] }))).json<Host>();
    expect((await t.services.hosts.connectionPlan(c.id)).map((h) => h.name)).toEqual(['a', 'b', 'c']);
    const loop = await patch(`/api/hosts/${a.id}`, { jumpHostIds: [c.id] });
    expect(loop.json()).toMatchObject({ error: 'invalid_jump_chain' });
    const self = await patch(`/api/hosts/${a.id}`, { jumpHostIds: [a.id] });
    expect(self.json()).toMatchObject({ error: 'invalid_jump_chain' });
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/hosts/${a.id}`,
      headers: { cookie: admin },
    });
    expect(del.json()).toMatchObject({ error: 'host_in_use' });
    expect(del.json().message).toContain('b');
  });

  it('lets members read hosts but not change them', async () => {
    await post('/api/hosts', hostBody());
    await createUser(t.app, admin, 'viewer');
    const member = await login(t.app, 'viewer', MEMBER_PASSWORD);
    expect((await t.app.inject({ url: '/api/hosts', headers: { cookie: member } })).json()).toHaveLength(1);
    expect((await post('/api/hosts', hostBody({ name: 'x' }), member)).statusCode).toBe(403);
    expect((await t.app.inject({ url: '/api/credentials', headers: { cookie: member } })).statusCode).toBe(
      403,
    );
  });

  it('previews an OpenSSH config without saving, then imports the chosen hosts with jump chains', async () => {
    const text =
      'Host jump\n  HostName jump.lan\n  User ops\nHost app\n  HostName app.lan\n  User deploy\n  ProxyJump jump\n';
    const preview = await post('/api/hosts/import/preview', { text });
    expect(preview.json<ImportPreview>().hosts.map((h) => h.alias)).toEqual(['jump', 'app']);
    expect((await t.app.inject({ url: '/api/hosts', headers: { cookie: admin } })).json()).toEqual([]);
    const imported = await post('/api/hosts/import', {
      hosts: [
        {
          alias: 'app',
          address: 'app.lan',
          port: 22,
          username: 'deploy',
          authMethod: 'password',
          password: 'x-pass-123',
          jumpAliases: ['jump'],
        },
        {
          alias: 'jump',
          address: 'jump.lan',
          port: 22,
          username: 'ops',
          authMethod: 'key',
          privateKey: key,
          passphrase: 'open sesame',
        },
      ],
    });
    expect(imported.statusCode).toBe(201);
    const app = imported.json<Host[]>().find((h) => h.name === 'app')!;
    expect((await t.services.hosts.connectionPlan(app.id)).map((h) => h.name)).toEqual(['jump', 'app']);
    const unknownJump = await post('/api/hosts/import', {
      hosts: [
        {
          alias: 'z',
          address: 'z.lan',
          port: 22,
          username: 'u',
          authMethod: 'keyboard-interactive',
          jumpAliases: ['nowhere'],
        },
      ],
    });
    expect(unknownJump.statusCode).toBe(400);
    expect((await t.app.inject({ url: '/api/hosts', headers: { cookie: admin } })).json()).toHaveLength(2);
  });
});
