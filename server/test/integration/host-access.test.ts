import { randomUUID } from 'node:crypto';
import { type Kysely, type Migration, Migrator } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { Host, MyHostCredential, User } from '@archnest/contract';
import { SecretBox } from '../../src/crypto/secret-box';
import { migrations } from '../../src/db/migrations';
import { migrateToLatest } from '../../src/db/migrate';
import type { Database } from '../../src/db/database';
import { createUser, login, MEMBER_PASSWORD, setupAdmin } from '../helpers/accounts';
import { createTestApp, dialects, freshDatabase, TEST_SECRET_KEY, type TestApp } from '../helpers/test-app';

const HOST = {
  address: '127.0.0.1',
  port: 22,
  username: 'ops',
  authMethod: 'password',
  password: 'host-secret-1',
} as const;

describe.each(dialects)('per-host access storage on %s', (dialect) => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  async function setup() {
    t = await createTestApp({ dialect });
    const admin = await setupAdmin(t.app);
    const alice: User = await createUser(t.app, admin, 'alice');
    const bob: User = await createUser(t.app, admin, 'bob');
    return {
      admin,
      alice,
      bob,
      aliceCookie: await login(t.app, 'alice', MEMBER_PASSWORD),
      bobCookie: await login(t.app, 'bob', MEMBER_PASSWORD),
    };
  }
  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    cookie: string,
    payload?: object,
  ) => t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const grantsInDb = async (hostId: string) =>
    (await t.database.db.selectFrom('host_grants').select('user_id').where('host_id', '=', hostId).execute())
      .map((r) => r.user_id)
      .sort();

  it('opens a host to everyone by default and to chosen users only when asked; admins always see it', async () => {
    const { admin, alice, aliceCookie, bobCookie } = await setup();
    const open = (await call('POST', '/api/hosts', admin, { ...HOST, name: 'open' })).json<Host>();
    expect(open).toMatchObject({ access: 'everyone', allowedUserIds: [] });
    const created = await call('POST', '/api/hosts', admin, {
      ...HOST,
      name: 'secret',
      access: 'chosen',
      allowedUserIds: [alice.id, alice.id],
    });
    expect(created.statusCode).toBe(201);
    const secret = created.json<Host>();
    expect(secret).toMatchObject({ access: 'chosen', allowedUserIds: [alice.id] });
    expect(await grantsInDb(secret.id)).toEqual([alice.id]);

    const names = async (cookie: string) =>
      (await call('GET', '/api/hosts', cookie)).json<Host[]>().map((h) => h.name);
    expect(await names(admin)).toEqual(['open', 'secret']);
    expect(await names(aliceCookie)).toEqual(['open', 'secret']);
    expect(await names(bobCookie)).toEqual(['open']);
    // Members see the access mode but not who else was granted.
    const asAlice = (await call('GET', `/api/hosts/${secret.id}`, aliceCookie)).json<Host>();
    expect(asAlice).toMatchObject({ access: 'chosen', allowedUserIds: [] });

    const hidden = await call('GET', `/api/hosts/${secret.id}`, bobCookie);
    const missing = await call('GET', `/api/hosts/${randomUUID()}`, bobCookie);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json()).toEqual({ error: 'host_not_found', message: 'Host was not found.' });
    expect(missing.json()).toEqual(hidden.json());

    // Opening it to everyone drops the grants; choosing again starts from the list given.
    const opened = await call('PATCH', `/api/hosts/${secret.id}`, admin, { access: 'everyone' });
    expect(opened.json<Host>()).toMatchObject({ access: 'everyone', allowedUserIds: [] });
    expect(await grantsInDb(secret.id)).toEqual([]);
    expect(await names(bobCookie)).toEqual(['open', 'secret']);
  });

  it('refuses unknown users, and removing a user removes their grants and own logins', async () => {
    const { admin, alice, bob, aliceCookie } = await setup();
    const bad = await call('POST', '/api/hosts', admin, {
      ...HOST,
      name: 'x',
      access: 'chosen',
      allowedUserIds: ['no-such-user'],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid_request', issues: [{ path: ['allowedUserIds'] }] });

    const host = (
      await call('POST', '/api/hosts', admin, {
        ...HOST,
        name: 'h',
        authMethod: 'per-user',
        password: undefined,
        access: 'chosen',
        allowedUserIds: [alice.id, bob.id],
      })
    ).json<Host>();
    expect(host).toMatchObject({ authMethod: 'per-user', hasPassword: false });
    const saved = await call('PUT', `/api/hosts/${host.id}/my-credential`, aliceCookie, {
      kind: 'password',
      username: 'alice',
      password: 'alice-own-pw',
    });
    expect(saved.statusCode).toBe(200);
    expect(await call('DELETE', `/api/users/${alice.id}`, admin).then((r) => r.statusCode)).toBe(204);
    expect(await grantsInDb(host.id)).toEqual([bob.id]);
    const logins = await t.database.db.selectFrom('host_user_credentials').selectAll().execute();
    expect(logins).toEqual([]);
    expect((await call('GET', `/api/hosts/${host.id}`, admin)).json<Host>().allowedUserIds).toEqual([bob.id]);
  });

  it('seals a user’s own login bound to host and user, and only ever says it is set', async () => {
    const { admin, alice, bob, aliceCookie, bobCookie } = await setup();
    const host = (
      await call('POST', '/api/hosts', admin, {
        ...HOST,
        name: 'own',
        authMethod: 'per-user',
        password: undefined,
      })
    ).json<Host>();
    const put = await call('PUT', `/api/hosts/${host.id}/my-credential`, aliceCookie, {
      kind: 'password',
      username: 'alice-ssh',
      password: 'plain-text-secret-77',
    });
    expect(put.body).not.toContain('plain-text-secret-77');
    expect(put.json<MyHostCredential>()).toMatchObject({
      set: true,
      username: 'alice-ssh',
      kind: 'password',
      hasPassphrase: false,
    });
    expect(Object.keys(put.json<MyHostCredential>()).sort()).toEqual([
      'hasPassphrase',
      'kind',
      'set',
      'updatedAt',
      'username',
    ]);
    // Bob sees nothing of Alice's login; admins neither.
    for (const cookie of [bobCookie, admin]) {
      expect((await call('GET', `/api/hosts/${host.id}/my-credential`, cookie)).json()).toMatchObject({
        set: false,
        username: null,
      });
    }
    const row = await t.database.db.selectFrom('host_user_credentials').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('plain-text-secret-77');
    const box = new SecretBox(Buffer.from(TEST_SECRET_KEY, 'base64'));
    expect(box.open(row.password_sealed!, `host_user:${host.id}:${alice.id}:password`)).toBe(
      'plain-text-secret-77',
    );
    // Copied to another user (or host), the sealed value does not open.
    expect(() => box.open(row.password_sealed!, `host_user:${host.id}:${bob.id}:password`)).toThrow();

    const bad = await call('PUT', `/api/hosts/${host.id}/my-credential`, aliceCookie, {
      kind: 'key',
      username: 'alice',
      privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n-----END OPENSSH PRIVATE KEY-----',
    });
    expect(bad.json()).toMatchObject({ error: 'invalid_secret' });
    expect(
      await call('DELETE', `/api/hosts/${host.id}/my-credential`, aliceCookie).then((r) => r.statusCode),
    ).toBe(204);
    expect((await call('GET', `/api/hosts/${host.id}/my-credential`, aliceCookie)).json()).toMatchObject({
      set: false,
    });

    // A host with a stored credential takes no personal login; switching a per-user host away drops them.
    const shared = (await call('POST', '/api/hosts', admin, { ...HOST, name: 'shared' })).json<Host>();
    const mismatch = await call('PUT', `/api/hosts/${shared.id}/my-credential`, aliceCookie, {
      kind: 'password',
      username: 'a',
      password: 'b',
    });
    expect(mismatch.statusCode).toBe(409);
    expect(mismatch.json()).toMatchObject({ error: 'credential_mode_mismatch' });
    await call('PUT', `/api/hosts/${host.id}/my-credential`, bobCookie, {
      kind: 'password',
      username: 'b',
      password: 'c',
    });
    const switched = await call('PATCH', `/api/hosts/${host.id}`, admin, {
      authMethod: 'password',
      password: 'x',
    });
    expect(switched.statusCode).toBe(200);
    expect(await t.database.db.selectFrom('host_user_credentials').selectAll().execute()).toEqual([]);
  });

  it('keeps per-user hosts out of jump chains and Docker over SSH', async () => {
    const { admin } = await setup();
    const own = (
      await call('POST', '/api/hosts', admin, {
        ...HOST,
        name: 'own',
        authMethod: 'per-user',
        password: undefined,
      })
    ).json<Host>();
    const viaOwn = await call('POST', '/api/hosts', admin, {
      ...HOST,
      name: 'behind',
      jumpHostIds: [own.id],
    });
    expect(viaOwn.json()).toMatchObject({ error: 'invalid_jump_chain' });
    const docker = await call('POST', '/api/docker/hosts', admin, {
      name: 'd',
      kind: 'ssh',
      sshHostId: own.id,
      cli: 'docker',
      remoteDockerHost: null,
    });
    expect(docker.statusCode).toBe(400);
    expect(docker.json<{ message: string }>().message).toMatch(/signs each user in as themselves/);

    const jump = (await call('POST', '/api/hosts', admin, { ...HOST, name: 'jump' })).json<Host>();
    await call('POST', '/api/hosts', admin, { ...HOST, name: 'inner', jumpHostIds: [jump.id] });
    const toPerUser = await call('PATCH', `/api/hosts/${jump.id}`, admin, { authMethod: 'per-user' });
    expect(toPerUser.statusCode).toBe(409);
    expect(toPerUser.json()).toMatchObject({ error: 'host_in_use' });
  });

  it('keeps grants consistent under concurrent replacements and a concurrent user removal', async () => {
    const { admin } = await setup();
    const users: User[] = [];
    for (let i = 0; i < 6; i++) users.push(await createUser(t.app, admin, `user${i}`));
    const host = (
      await call('POST', '/api/hosts', admin, { ...HOST, name: 'busy', access: 'chosen' })
    ).json<Host>();
    const sets = Array.from({ length: 16 }, (_, i) =>
      users.filter((_, j) => (i >> j) % 2 === 1 || j === i % users.length).map((u) => u.id),
    );
    const answers = await Promise.all(
      sets.map((allowedUserIds) => call('PATCH', `/api/hosts/${host.id}`, admin, { allowedUserIds })),
    );
    expect(answers.map((a) => a.statusCode)).toEqual(sets.map(() => 200));
    const final = await grantsInDb(host.id);
    // The result is exactly one writer's set, never a mix of two.
    expect(sets.map((s) => [...s].sort())).toContainEqual(final);
    expect((await call('GET', `/api/hosts/${host.id}`, admin)).json<Host>().allowedUserIds.sort()).toEqual(
      final,
    );

    // Granting a user while that user is removed: either order is fine, a dangling grant is not.
    const leaver = users[0]!;
    const [granted, removed] = await Promise.all([
      call('PATCH', `/api/hosts/${host.id}`, admin, { allowedUserIds: [leaver.id, users[1]!.id] }),
      call('DELETE', `/api/users/${leaver.id}`, admin),
    ]);
    expect(removed.statusCode).toBe(204);
    expect([200, 400]).toContain(granted.statusCode);
    const orphans = await t.database.db
      .selectFrom('host_grants')
      .leftJoin('users', 'users.id', 'host_grants.user_id')
      .select('host_grants.user_id')
      .where('users.id', 'is', null)
      .execute();
    expect(orphans).toEqual([]);
    expect(await grantsInDb(host.id)).not.toContain(leaver.id);
  });
});

describe.each(dialects)('migration 0009 on %s', (dialect) => {
  let database: Database | undefined;
  afterEach(async () => {
    await database?.close();
  });

  it('leaves every existing host open to everyone after the upgrade', async () => {
    // A database as the release before this migration left it: fresh, then migrated up to 0005 only.
    database = await freshDatabase(dialect, ':memory:', false);
    const before = Object.fromEntries(
      Object.entries(migrations)
        .filter(([name]) => name < '0009')
        .map(([name, m]) => [name, { up: (db: Kysely<unknown>) => m.up(db, dialect) } satisfies Migration]),
    );
    const migrator = new Migrator({
      db: database.db,
      provider: { getMigrations: () => Promise.resolve(before) },
    });
    const { error } = await migrator.migrateToLatest();
    expect(error).toBeUndefined();
    const now = new Date().toISOString();
    await (database.db as unknown as Kysely<Record<string, Record<string, unknown>>>)
      .insertInto('hosts')
      .values({
        id: 'old-host',
        name: 'old',
        address: '10.0.0.1',
        port: 22,
        username: 'root',
        folder: '',
        tags: '[]',
        notes: '',
        auth_method: 'keyboard-interactive',
        credential_id: null,
        password_sealed: null,
        private_key_sealed: null,
        passphrase_sealed: null,
        certificate: null,
        legacy_algorithms: 0,
        created_at: now,
        updated_at: now,
      })
      .execute();

    expect(await migrateToLatest(database)).toContain('0009-host-access');
    const row = await database.db.selectFrom('hosts').select(['id', 'access']).executeTakeFirstOrThrow();
    expect(row).toEqual({ id: 'old-host', access: 'everyone' });
    expect(await database.db.selectFrom('host_grants').selectAll().execute()).toEqual([]);
  });
});
