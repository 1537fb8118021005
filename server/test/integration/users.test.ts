import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SEAT_LIMIT, type AuditPage, type User } from '@archnest/contract';
import { ADMIN, createUser, login, MEMBER_PASSWORD, setupAdmin } from '../helpers/accounts';
import { createTestApp, dialects, type TestApp } from '../helpers/test-app';

describe.each(dialects)('user management on %s', (dialect) => {
  let t: TestApp;
  let admin: string;

  beforeEach(async () => {
    t = await createTestApp({ dialect });
    admin = await setupAdmin(t.app);
  });
  afterEach(async () => {
    await t.close();
  });

  const patch = (id: string, payload: object, cookie = admin) =>
    t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: { cookie }, payload });

  it('creates, lists, changes role, resets password and deletes, auditing each action', async () => {
    const bob = await createUser(t.app, admin, 'bob');
    expect(bob).toMatchObject({ username: 'bob', role: 'member', active: true });
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin },
      payload: { username: 'BOB', password: MEMBER_PASSWORD, role: 'member' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ error: 'username_taken' });

    const list = (await t.app.inject({ url: '/api/users', headers: { cookie: admin } })).json<User[]>();
    expect(list.map((u) => u.username)).toEqual(['admin', 'bob']);
    expect(JSON.stringify(list)).not.toMatch(/password|hash|argon/i);

    expect((await patch(bob.id, { role: 'admin' })).json()).toMatchObject({ role: 'admin' });
    const bobSession = await login(t.app, 'bob', MEMBER_PASSWORD);
    const reset = await t.app.inject({
      method: 'POST',
      url: `/api/users/${bob.id}/password`,
      headers: { cookie: admin },
      payload: { password: 'fresh-secret-88' },
    });
    expect(reset.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: bobSession } })).statusCode).toBe(
      401,
    );
    await login(t.app, 'bob', 'fresh-secret-88');

    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/users/${bob.id}`, headers: { cookie: admin } }))
        .statusCode,
    ).toBe(204);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `/api/users/${bob.id}`, headers: { cookie: admin } }))
        .statusCode,
    ).toBe(404);

    const audit = (
      await t.app.inject({ url: '/api/admin/audit', headers: { cookie: admin } })
    ).json<AuditPage>();
    expect(audit.entries.map((e) => e.action)).toEqual([
      'user.deleted',
      'user.password_reset',
      'user.updated',
      'user.created',
      'setup.admin_created',
    ]);
    expect(audit.entries[2]).toMatchObject({
      actorName: 'admin',
      targetName: 'bob',
      detail: { role: { from: 'member', to: 'admin' } },
    });
    expect(JSON.stringify(audit)).not.toContain('fresh-secret-88');
  });

  it('deactivating a user ends their sessions at once; reactivating lets them back in', async () => {
    const bob = await createUser(t.app, admin, 'bob');
    const bobSession = await login(t.app, 'bob', MEMBER_PASSWORD);
    expect((await patch(bob.id, { active: false })).json()).toMatchObject({ active: false });
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: bobSession } })).statusCode).toBe(
      401,
    );
    expect((await patch(bob.id, { active: true })).statusCode).toBe(200);
    await login(t.app, 'bob', MEMBER_PASSWORD);
  });

  it(`caps active users at ${SEAT_LIMIT}, counting reactivation`, async () => {
    const users: User[] = [];
    for (let i = 1; i < SEAT_LIMIT; i++) users.push(await createUser(t.app, admin, `user${i}`));
    const eleventh = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { cookie: admin },
      payload: { username: 'user11', password: MEMBER_PASSWORD, role: 'member' },
    });
    expect(eleventh.statusCode).toBe(409);
    expect(eleventh.json()).toMatchObject({ error: 'seat_limit' });

    expect((await patch(users[0]!.id, { active: false })).statusCode).toBe(200);
    const replacement = await createUser(t.app, admin, 'user11');
    const reactivate = await patch(users[0]!.id, { active: true });
    expect(reactivate.statusCode).toBe(409);
    expect(reactivate.json()).toMatchObject({ error: 'seat_limit' });
    expect((await patch(replacement.id, { active: false })).statusCode).toBe(200);
    expect((await patch(users[0]!.id, { active: true })).statusCode).toBe(200);
  });

  it('concurrent creates never exceed the seat cap', async () => {
    const attempts = await Promise.all(
      Array.from({ length: SEAT_LIMIT + 3 }, (_, i) =>
        t.app.inject({
          method: 'POST',
          url: '/api/users',
          headers: { cookie: admin },
          payload: { username: `racer${i}`, password: MEMBER_PASSWORD, role: 'member' },
        }),
      ),
    );
    expect(attempts.filter((r) => r.statusCode === 201)).toHaveLength(SEAT_LIMIT - 1);
    expect(attempts.filter((r) => r.statusCode === 409)).toHaveLength(4);
  });

  it('never demotes, deactivates or deletes the last active admin', async () => {
    const me = (await t.app.inject({ url: '/api/auth/me', headers: { cookie: admin } })).json<User>();
    for (const response of [
      await patch(me.id, { role: 'member' }),
      await patch(me.id, { active: false }),
      await t.app.inject({ method: 'DELETE', url: `/api/users/${me.id}`, headers: { cookie: admin } }),
    ]) {
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ error: 'last_admin' });
    }
    const second = await createUser(t.app, admin, 'root2', 'admin');
    expect((await patch(me.id, { role: 'member' })).statusCode).toBe(200);
    // Now root2 is the last admin; the demoted first admin can no longer manage users.
    expect((await patch(second.id, { role: 'member' })).statusCode).toBe(403);
    const root2 = await login(t.app, 'root2', MEMBER_PASSWORD);
    expect((await patch(second.id, { active: false }, root2)).json()).toMatchObject({ error: 'last_admin' });
    const users = (await t.app.inject({ url: '/api/users', headers: { cookie: root2 } })).json<User[]>();
    expect(users.filter((u) => u.role === 'admin' && u.active)).toHaveLength(1);
  });

  it('rejects bad input with clear errors and changes nothing', async () => {
    const bob = await createUser(t.app, admin, 'bob');
    const cases = [
      await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie: admin },
        payload: { username: 'x', password: MEMBER_PASSWORD, role: 'member' },
      }),
      await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie: admin },
        payload: { username: 'eve', password: MEMBER_PASSWORD, role: 'root' },
      }),
      await patch(bob.id, {}),
      await patch(bob.id, { active: 'yes' }),
      await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie: admin, 'content-type': 'application/json' },
        payload: '{"username": ',
      }),
    ];
    for (const response of cases) {
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: 'invalid_request' });
      expect(typeof response.json().message).toBe('string');
    }
    const weak = await t.app.inject({
      method: 'POST',
      url: `/api/users/${bob.id}/password`,
      headers: { cookie: admin },
      payload: { password: 'bob' },
    });
    expect(weak.json()).toMatchObject({ error: 'weak_password' });
    const users = (await t.app.inject({ url: '/api/users', headers: { cookie: admin } })).json<User[]>();
    expect(users.map((u) => [u.username, u.role, u.active])).toEqual([
      ['admin', 'admin', true],
      ['bob', 'member', true],
    ]);
    await login(t.app, 'bob', MEMBER_PASSWORD);
    await login(t.app, ADMIN.username, ADMIN.password);
  });
});
