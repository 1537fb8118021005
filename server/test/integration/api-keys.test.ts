import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiKey, AuditPage, User } from '@archnest/contract';
import { ApiKeysRepo } from '../../src/auth/api-keys/api-keys.repo';
import { ManualClock } from '../../src/clock';
import { bearer, createApiKey } from '../helpers/api-keys';
import { createUser, login, MEMBER_PASSWORD, setupAdmin } from '../helpers/accounts';
import { createTestApp, dialects, type TestApp } from '../helpers/test-app';

const DAY_MS = 86_400_000;

describe.each(dialects)('personal API keys on %s', (dialect) => {
  let t: TestApp;
  let clock: ManualClock;
  let admin: string;
  let member: string;
  let memberUser: User;

  beforeEach(async () => {
    clock = new ManualClock();
    t = await createTestApp({ dialect, clock });
    admin = await setupAdmin(t.app);
    memberUser = await createUser(t.app, admin, 'member1');
    member = await login(t.app, 'member1', MEMBER_PASSWORD);
  });
  afterEach(async () => {
    await t.close();
  });

  const me = (key: string, remoteAddress = '127.0.0.1') =>
    t.app.inject({ url: '/api/auth/me', headers: bearer(key), remoteAddress });
  const setTheme = (key: string, theme: 'dark' | 'light', headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'PATCH',
      url: '/api/preferences',
      headers: { ...bearer(key), ...headers },
      payload: { appearance: { theme } },
    });
  const keyRow = (id: string) =>
    t.database.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const auditOf = async (action: string) => {
    const page = await t.app.inject({ url: `/api/admin/audit?action=${action}`, headers: { cookie: admin } });
    return page.json<AuditPage>().entries;
  };

  it('shows a new key once, stores only its SHA-256, and lists it without the key', async () => {
    const created = await createApiKey(t.app, member, 'read', 'ci reader', 30);
    expect(created.key).toMatch(/^ank_[A-Za-z0-9_-]{43}$/);
    expect(created.hint).toBe(created.key.slice(0, 8));
    expect(created).toMatchObject({ name: 'ci reader', scope: 'read', username: 'member1', revokedAt: null });
    expect(new Date(created.expiresAt ?? '').getTime() - clock.now().getTime()).toBe(30 * DAY_MS);

    const row = await keyRow(created.id);
    expect(row.key_hash).toBe(createHash('sha256').update(created.key).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(created.key.slice(4));

    const listed = await t.app.inject({ url: '/api/auth/api-keys', headers: { cookie: member } });
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(created.key.slice(4));
    expect(listed.json<ApiKey[]>().map((k) => k.id)).toEqual([created.id]);
    // Another user's list does not show it; the admin list shows everyone's.
    const own = await t.app.inject({ url: '/api/auth/api-keys', headers: { cookie: admin } });
    expect(own.json<ApiKey[]>()).toEqual([]);
    const all = await t.app.inject({ url: '/api/admin/api-keys', headers: { cookie: admin } });
    expect(all.json<ApiKey[]>().map((k) => [k.id, k.username])).toEqual([[created.id, 'member1']]);
    expect((await t.app.inject({ url: '/api/admin/api-keys', headers: { cookie: member } })).statusCode).toBe(
      403,
    );

    const audit = await auditOf('api_key.create');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorName: 'member1', targetId: created.id, targetName: 'ci reader' });
    expect(JSON.stringify(audit)).not.toContain(created.key.slice(4));
  });

  it('refuses bad create requests with clear errors', async () => {
    for (const payload of [
      { name: '', scope: 'read' },
      { name: 'x', scope: 'admin' },
      { name: 'x', scope: 'read', expiresInDays: 0 },
      { name: 'x', scope: 'read', expiresInDays: 4000 },
      { name: 'x'.repeat(65), scope: 'full' },
      { name: 'x', scope: 'read', userId: memberUser.id },
    ]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/api-keys',
        headers: { cookie: admin },
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json()).toMatchObject({ error: 'invalid_request' });
    }
    expect((await t.app.inject({ url: '/api/admin/api-keys', headers: { cookie: admin } })).json()).toEqual(
      [],
    );
  });

  it('authenticates a bearer key as its user; a read key may only read', async () => {
    const read = await createApiKey(t.app, member, 'read');
    const answer = await me(read.key);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toMatchObject({ id: memberUser.id, username: 'member1' });
    expect(answer.headers['set-cookie']).toBeUndefined();
    expect(
      (await t.app.inject({ method: 'HEAD', url: '/api/auth/me', headers: bearer(read.key) })).statusCode,
    ).toBe(200);

    const write = await setTheme(read.key, 'dark');
    expect(write.statusCode).toBe(403);
    expect(write.json()).toMatchObject({ error: 'key_read_only' });
    const prefs = await t.app.inject({ url: '/api/preferences', headers: bearer(read.key) });
    expect(prefs.json()).toMatchObject({ appearance: { theme: 'system' } });

    const full = await createApiKey(t.app, member, 'full');
    expect((await setTheme(full.key, 'dark')).statusCode).toBe(200);
    const after = await t.app.inject({ url: '/api/preferences', headers: { cookie: member } });
    expect(after.json()).toMatchObject({ appearance: { theme: 'dark' } });

    // A member's key never reaches admin routes; an admin's full key does.
    const users = await t.app.inject({ url: '/api/users', headers: bearer(full.key) });
    expect(users.statusCode).toBe(403);
    const adminKey = await createApiKey(t.app, admin, 'full');
    expect((await t.app.inject({ url: '/api/users', headers: bearer(adminKey.key) })).statusCode).toBe(200);
  });

  it('keeps keys away from key, session and password management', async () => {
    const full = await createApiKey(t.app, member, 'full');
    const calls = [
      { method: 'POST', url: '/api/auth/api-keys', payload: { name: 'child', scope: 'full' } },
      { method: 'GET', url: '/api/auth/api-keys' },
      { method: 'DELETE', url: `/api/auth/api-keys/${full.id}` },
      { method: 'GET', url: '/api/auth/sessions' },
      { method: 'DELETE', url: '/api/auth/sessions/whatever' },
      { method: 'POST', url: '/api/auth/logout' },
      {
        method: 'POST',
        url: '/api/auth/password',
        payload: { currentPassword: MEMBER_PASSWORD, newPassword: 'another-long-pass-99' },
      },
    ] as const;
    for (const call of calls) {
      const response = await t.app.inject({ ...call, headers: bearer(full.key) });
      expect(response.statusCode, `${call.method} ${call.url}`).toBe(403);
      expect(response.json()).toMatchObject({ error: 'api_key_not_allowed' });
    }
    expect(
      (await t.app.inject({ url: '/api/admin/api-keys', headers: { cookie: admin } })).json(),
    ).toHaveLength(1);
    expect((await login(t.app, 'member1', MEMBER_PASSWORD)).length).toBeGreaterThan(0);
  });

  it('refuses unknown, malformed, revoked and expired keys with 401, never falling back to the cookie; other Authorization schemes are left to the cookie', async () => {
    const key = await createApiKey(t.app, member, 'full', 'short-lived', 1);
    const unknown = `ank_${'A'.repeat(43)}`;
    for (const authorization of [
      `Bearer ${unknown}`,
      'Bearer ank_short',
      `Bearer ${key.key}x`,
      `Bearer  ${unknown}`,
    ]) {
      const response = await t.app.inject({ url: '/api/auth/me', headers: { authorization, cookie: admin } });
      expect(response.statusCode, authorization).toBe(401);
      expect(response.json()).toMatchObject({ error: 'api_key_invalid' });
      expect(response.headers['www-authenticate']).toBe('Bearer');
    }
    // Authorization values that are not our keys (a proxy's Basic or bearer credentials) are not
    // ours to judge: the cookie decides, with the Origin check that cookie writes always get.
    for (const authorization of ['Basic YWRtaW46eA==', 'Bearer eyJhbGciOiJSUzI1NiJ9.e30.sig']) {
      const withCookie = await t.app.inject({
        url: '/api/auth/me',
        headers: { authorization, cookie: member },
      });
      expect(withCookie.json(), authorization).toMatchObject({ username: 'member1' });
      const without = await t.app.inject({ url: '/api/auth/me', headers: { authorization } });
      expect(without.json(), authorization).toMatchObject({ error: 'unauthorized' });
      const crossSite = await t.app.inject({
        method: 'PATCH',
        url: '/api/preferences',
        headers: { authorization, cookie: member, origin: 'https://evil.example' },
        payload: { appearance: { theme: 'dark' } },
      });
      expect(crossSite.json(), authorization).toMatchObject({ error: 'origin_forbidden' });
    }
    expect((await me(key.key)).statusCode).toBe(200);
    clock.advance(DAY_MS);
    const expired = await me(key.key);
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ error: 'api_key_expired' });

    const other = await createApiKey(t.app, member, 'read');
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/auth/api-keys/${other.id}`,
      headers: { cookie: member },
    });
    expect(revoked.statusCode).toBe(204);
    const refused = await me(other.key);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ error: 'api_key_revoked' });
    const listed = (await t.app.inject({ url: '/api/auth/api-keys', headers: { cookie: member } })).json<
      ApiKey[]
    >();
    expect(listed.find((k) => k.id === other.id)?.revokedAt).toBe(clock.now().toISOString());
    const audit = await auditOf('api_key.revoke');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorName: 'member1', targetId: other.id });
  });

  it('lets a user revoke only their own keys, and an admin anyone’s', async () => {
    const memberKey = await createApiKey(t.app, member, 'read');
    const adminKey = await createApiKey(t.app, admin, 'read');
    const foreign = await t.app.inject({
      method: 'DELETE',
      url: `/api/auth/api-keys/${adminKey.id}`,
      headers: { cookie: member },
    });
    expect(foreign.statusCode).toBe(404);
    expect((await me(adminKey.key)).statusCode).toBe(200);
    const byAdmin = await t.app.inject({
      method: 'DELETE',
      url: `/api/admin/api-keys/${memberKey.id}`,
      headers: { cookie: admin },
    });
    expect(byAdmin.statusCode).toBe(204);
    expect((await me(memberKey.key)).json()).toMatchObject({ error: 'api_key_revoked' });
    const audit = await auditOf('api_key.revoke');
    expect(audit[0]).toMatchObject({
      actorName: 'admin',
      targetId: memberKey.id,
      detail: { ownerId: memberUser.id },
    });
  });

  it('stops a deactivated user’s keys at once, and deleting the user deletes them', async () => {
    const key = await createApiKey(t.app, member, 'full');
    expect((await me(key.key)).statusCode).toBe(200);
    const patch = (active: boolean) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/users/${memberUser.id}`,
        headers: { cookie: admin },
        payload: { active },
      });
    expect((await patch(false)).statusCode).toBe(200);
    const refused = await me(key.key);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ error: 'account_disabled' });
    await t.app.inject({ method: 'DELETE', url: `/api/users/${memberUser.id}`, headers: { cookie: admin } });
    expect(await t.database.db.selectFrom('api_keys').selectAll().execute()).toEqual([]);
    expect((await me(key.key)).json()).toMatchObject({ error: 'api_key_invalid' });
  });

  it('records the last use (time and IP) at most once a minute', async () => {
    const key = await createApiKey(t.app, member, 'read');
    expect((await keyRow(key.id)).last_used_at).toBeNull();
    const first = clock.now().toISOString();
    expect((await me(key.key, '10.1.1.1')).statusCode).toBe(200);
    expect(await keyRow(key.id)).toMatchObject({ last_used_at: first, last_used_ip: '10.1.1.1' });
    clock.advance(59_000);
    expect((await me(key.key, '10.2.2.2')).statusCode).toBe(200);
    expect(await keyRow(key.id)).toMatchObject({ last_used_at: first, last_used_ip: '10.1.1.1' });
    clock.advance(1_000);
    expect((await me(key.key, '10.3.3.3')).statusCode).toBe(200);
    expect(await keyRow(key.id)).toMatchObject({
      last_used_at: clock.now().toISOString(),
      last_used_ip: '10.3.3.3',
    });
    const listed = (await t.app.inject({ url: '/api/auth/api-keys', headers: { cookie: member } })).json<
      ApiKey[]
    >();
    expect(listed[0]).toMatchObject({ lastUsedAt: clock.now().toISOString(), lastUsedIp: '10.3.3.3' });
  });

  it('audits every mutating call made with a key, refused ones included, and no reads', async () => {
    const read = await createApiKey(t.app, member, 'read', 'reader');
    const full = await createApiKey(t.app, member, 'full', 'writer');
    await me(full.key);
    await setTheme(read.key, 'dark');
    await setTheme(full.key, 'light');
    await t.app.inject({ method: 'POST', url: '/api/auth/api-keys', headers: bearer(full.key), payload: {} });
    const rows = await auditOf('api_key.request');
    expect(rows.map((r) => [r.targetName, r.detail])).toEqual([
      [
        'writer',
        {
          method: 'POST',
          route: '/api/auth/api-keys',
          url: '/api/auth/api-keys',
          status: 403,
          scope: 'full',
        },
      ],
      [
        'writer',
        { method: 'PATCH', route: '/api/preferences', url: '/api/preferences', status: 200, scope: 'full' },
      ],
      [
        'reader',
        { method: 'PATCH', route: '/api/preferences', url: '/api/preferences', status: 403, scope: 'read' },
      ],
    ]);
    expect(rows.every((r) => r.actorId === memberUser.id)).toBe(true);
  });

  it('treats a key call as no cross-site write, while a cookie write from another origin stays refused', async () => {
    const full = await createApiKey(t.app, member, 'full');
    const evil = { origin: 'https://evil.example' };
    expect((await setTheme(full.key, 'dark', evil)).statusCode).toBe(200);
    const cookieWrite = await t.app.inject({
      method: 'PATCH',
      url: '/api/preferences',
      headers: { cookie: member, ...evil },
      payload: { appearance: { theme: 'light' } },
    });
    expect(cookieWrite.statusCode).toBe(403);
    expect(cookieWrite.json()).toMatchObject({ error: 'origin_forbidden' });
  });

  it('refuses every use that starts after a revocation answered, with parallel use in flight', async () => {
    const key = await createApiKey(t.app, member, 'full');
    const before = await Promise.all(Array.from({ length: 20 }, () => me(key.key)));
    expect(before.map((r) => r.statusCode)).toEqual(Array(20).fill(200));

    const racing = Array.from({ length: 30 }, (_, i) =>
      i % 2 === 0 ? me(key.key) : setTheme(key.key, i % 4 === 1 ? 'dark' : 'light'),
    );
    const revoke = t.app.inject({
      method: 'DELETE',
      url: `/api/auth/api-keys/${key.id}`,
      headers: { cookie: member },
    });
    const [revoked, ...raced] = await Promise.all([revoke, ...racing]);
    expect(revoked.statusCode).toBe(204);
    for (const r of raced) expect([200, 401]).toContain(r.statusCode);

    const after = await Promise.all(Array.from({ length: 20 }, () => me(key.key)));
    expect(after.map((r) => r.statusCode)).toEqual(Array(20).fill(401));
    // Revoking twice in parallel leaves one audit row, not two.
    const other = await createApiKey(t.app, member, 'read');
    const twice = await Promise.all(
      [0, 1].map(() =>
        t.app.inject({
          method: 'DELETE',
          url: `/api/auth/api-keys/${other.id}`,
          headers: { cookie: member },
        }),
      ),
    );
    expect(twice.map((r) => r.statusCode)).toEqual([204, 204]);
    const audit = await auditOf('api_key.revoke');
    expect(audit.filter((r) => r.targetId === other.id)).toHaveLength(1);
  });

  it('writes the last use once under parallel load', async () => {
    const key = await createApiKey(t.app, member, 'read');
    const touch = vi.spyOn(ApiKeysRepo.prototype, 'touch');
    const ips = Array.from({ length: 25 }, (_, i) => `10.0.0.${i + 1}`);
    const answers = await Promise.all(ips.map((ip) => me(key.key, ip)));
    expect(answers.every((r) => r.statusCode === 200)).toBe(true);
    // Requests that read the row before the first write may try, but only one UPDATE changes it.
    const results = await Promise.all(touch.mock.results.map((r) => r.value as Promise<boolean>));
    touch.mockRestore();
    expect(results.filter(Boolean)).toHaveLength(1);
    await Promise.all(ips.map((ip) => me(key.key, ip)));
    const row = await keyRow(key.id);
    expect(row.last_used_at).toBe(clock.now().toISOString());
    expect(ips).toContain(row.last_used_ip);
  });
});
