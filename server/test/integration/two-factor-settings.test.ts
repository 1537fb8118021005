import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock';
import { ADMIN, createUser, login, MEMBER_PASSWORD, setupAdmin } from '../helpers/accounts';
import { createTestApp, dialects, type TestApp } from '../helpers/test-app';
import { enrolTwoFactor, finishLogin, startLogin, totpCode } from '../helpers/two-factor';

describe.each(dialects)('two-factor enrolment, recovery codes, turning off and policy on %s', (dialect) => {
  let t: TestApp;
  let clock: ManualClock;
  let admin: string;

  beforeEach(async () => {
    clock = new ManualClock();
    t = await createTestApp({ dialect, clock });
    admin = await setupAdmin(t.app);
  });
  afterEach(async () => {
    await t.close();
  });

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, cookie: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });

  async function auditActions(): Promise<string[]> {
    const rows = await t.database.db.selectFrom('audit_log').select('action').orderBy('id', 'desc').execute();
    return rows.map((r) => r.action);
  }

  it('enrols: secret and URI once, confirmed by a code, secret sealed and never returned again', async () => {
    expect((await call('GET', '/api/auth/two-factor', admin)).json()).toEqual({
      enabled: false,
      enrolmentPending: false,
      enrolmentRequired: false,
      requirement: 'off',
      recoveryCodesRemaining: 0,
    });
    const notStarted = await call('POST', '/api/auth/two-factor/enrolment/confirm', admin, {
      code: '123456',
    });
    expect(notStarted.statusCode).toBe(409);
    expect(notStarted.json()).toMatchObject({ error: 'two_factor_not_started' });

    const start = await call('POST', '/api/auth/two-factor/enrolment', admin);
    expect(start.statusCode).toBe(201);
    const { secret, uri } = start.json<{ secret: string; uri: string }>();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(uri).toBe(
      `otpauth://totp/ArchNest:admin?issuer=ArchNest&secret=${secret}&algorithm=SHA1&digits=6&period=30`,
    );
    expect((await call('GET', '/api/auth/two-factor', admin)).json()).toMatchObject({
      enabled: false,
      enrolmentPending: true,
    });

    const wrong = await call('POST', '/api/auth/two-factor/enrolment/confirm', admin, {
      code: totpCode(secret, clock, 4),
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ error: 'invalid_two_factor_code' });
    const confirm = await call('POST', '/api/auth/two-factor/enrolment/confirm', admin, {
      code: totpCode(secret, clock),
    });
    expect(confirm.statusCode).toBe(200);
    const { recoveryCodes } = confirm.json<{ recoveryCodes: string[] }>();
    expect(recoveryCodes).toHaveLength(10);

    const stored = await t.database.db.selectFrom('two_factor_secrets').selectAll().executeTakeFirstOrThrow();
    expect(stored.secret_sealed).toMatch(/^v1:/);
    expect(stored.secret_sealed).not.toContain(secret);
    const hashes = await t.database.db.selectFrom('two_factor_recovery_codes').select('code_hash').execute();
    expect(hashes).toHaveLength(10);
    for (const code of recoveryCodes) expect(JSON.stringify(hashes)).not.toContain(code.replace(/-/g, ''));

    const status = await call('GET', '/api/auth/two-factor', admin);
    expect(status.json()).toMatchObject({
      enabled: true,
      enrolmentPending: false,
      recoveryCodesRemaining: 10,
    });
    expect(status.body).not.toContain(secret);
    const restart = await call('POST', '/api/auth/two-factor/enrolment', admin);
    expect(restart.statusCode).toBe(409);
    expect(restart.json()).toMatchObject({ error: 'two_factor_already_enabled' });
    expect(restart.body).not.toContain(secret);
    expect(await auditActions()).toContain('auth.two_factor_enabled');
  });

  it('regenerates recovery codes with a code or the password; the old codes stop working', async () => {
    const { secret, recoveryCodes: old } = await enrolTwoFactor(t.app, admin, clock);
    clock.advance(30_000);
    const noProof = await call('POST', '/api/auth/two-factor/recovery-codes', admin, {});
    expect(noProof.statusCode).toBe(400);
    const badPassword = await call('POST', '/api/auth/two-factor/recovery-codes', admin, {
      password: 'nope-nope-1',
    });
    expect(badPassword.statusCode).toBe(403);
    expect(badPassword.json()).toMatchObject({ error: 'wrong_password' });
    const byPassword = await call('POST', '/api/auth/two-factor/recovery-codes', admin, {
      password: ADMIN.password,
    });
    expect(byPassword.statusCode).toBe(200);
    const fresh = byPassword.json<{ recoveryCodes: string[] }>().recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(fresh.some((c) => old.includes(c))).toBe(false);

    const byCode = await call('POST', '/api/auth/two-factor/recovery-codes', admin, {
      code: totpCode(secret, clock),
    });
    expect(byCode.statusCode).toBe(200);
    const newest = byCode.json<{ recoveryCodes: string[] }>().recoveryCodes;

    const pending = await startLogin(t.app, ADMIN.username, ADMIN.password);
    expect((await finishLogin(t.app, pending, { recoveryCode: old[0] ?? '' })).statusCode).toBe(401);
    expect((await finishLogin(t.app, pending, { recoveryCode: fresh[0] ?? '' })).statusCode).toBe(401);
    expect((await finishLogin(t.app, pending, { recoveryCode: newest[0] ?? '' })).statusCode).toBe(200);
    expect(
      (await auditActions()).filter((a) => a === 'auth.two_factor_recovery_codes_regenerated'),
    ).toHaveLength(2);
  });

  it('turning off needs both the password and a current code', async () => {
    const { secret } = await enrolTwoFactor(t.app, admin, clock);
    clock.advance(30_000);
    const code = totpCode(secret, clock);
    const noCode = await call('POST', '/api/auth/two-factor/disable', admin, { password: ADMIN.password });
    expect(noCode.statusCode).toBe(400);
    const wrongPassword = await call('POST', '/api/auth/two-factor/disable', admin, {
      password: 'not-it-at-all',
      code,
    });
    expect(wrongPassword.statusCode).toBe(403);
    expect(wrongPassword.json()).toMatchObject({ error: 'wrong_password' });
    const wrongCode = await call('POST', '/api/auth/two-factor/disable', admin, {
      password: ADMIN.password,
      code: totpCode(secret, clock, 3),
    });
    expect(wrongCode.statusCode).toBe(403);
    expect(wrongCode.json()).toMatchObject({ error: 'invalid_two_factor_code' });
    expect((await call('GET', '/api/auth/two-factor', admin)).json()).toMatchObject({ enabled: true });

    const off = await call('POST', '/api/auth/two-factor/disable', admin, { password: ADMIN.password, code });
    expect(off.statusCode).toBe(204);
    expect((await call('GET', '/api/auth/two-factor', admin)).json()).toMatchObject({ enabled: false });
    expect(await t.database.db.selectFrom('two_factor_recovery_codes').selectAll().execute()).toEqual([]);
    expect(await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: ADMIN })).toMatchObject({
      statusCode: 200,
    });
    const again = await call('POST', '/api/auth/two-factor/disable', admin, {
      password: ADMIN.password,
      code,
    });
    expect(again.json()).toMatchObject({ error: 'two_factor_not_enabled' });
    expect(await auditActions()).toContain('auth.two_factor_disabled');
  });

  it('a lost device: turning off with the password and a recovery code, which is then spent', async () => {
    const { recoveryCodes } = await enrolTwoFactor(t.app, admin, clock);
    const recoveryCode = recoveryCodes[2] ?? '';
    const noPassword = await call('POST', '/api/auth/two-factor/disable', admin, { recoveryCode });
    expect(noPassword.statusCode).toBe(400);
    const wrong = await call('POST', '/api/auth/two-factor/disable', admin, {
      password: ADMIN.password,
      recoveryCode: 'aaaa-bbbb-cccc-dddd',
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ error: 'invalid_two_factor_code' });
    const off = await call('POST', '/api/auth/two-factor/disable', admin, {
      password: ADMIN.password,
      recoveryCode,
    });
    expect(off.statusCode).toBe(204);
    expect((await call('GET', '/api/auth/two-factor', admin)).json()).toMatchObject({ enabled: false });
    // Set up again: a new secret, new codes; the old recovery code is gone with the old enrolment.
    const again = await enrolTwoFactor(t.app, admin, clock);
    expect(again.recoveryCodes).not.toContain(recoveryCode);
    const pending = await startLogin(t.app, ADMIN.username, ADMIN.password);
    expect((await finishLogin(t.app, pending, { recoveryCode })).statusCode).toBe(401);
  });

  it('an admin resets another user’s two-factor; it is audited and their pending logins end', async () => {
    const bob = await createUser(t.app, admin, 'bob');
    const bobCookie = await login(t.app, 'bob', MEMBER_PASSWORD);
    await enrolTwoFactor(t.app, bobCookie, clock);
    const pending = await startLogin(t.app, 'bob', MEMBER_PASSWORD);
    expect((await call('GET', '/api/admin/two-factor', admin)).json()).toEqual({
      requirement: 'off',
      enrolledUserIds: [bob.id],
    });

    const byMember = await call('DELETE', `/api/users/${bob.id}/two-factor`, bobCookie);
    expect(byMember.statusCode).toBe(403);
    const reset = await call('DELETE', `/api/users/${bob.id}/two-factor`, admin);
    expect(reset.statusCode).toBe(204);
    const row = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.two_factor_reset')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ actor_name: 'admin', target_id: bob.id, target_name: 'bob' });

    expect((await finishLogin(t.app, pending, { code: '000000' })).json()).toMatchObject({
      error: 'pending_login_expired',
    });
    const plain = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'bob', password: MEMBER_PASSWORD },
    });
    expect(plain.json()).toMatchObject({ user: { username: 'bob' } });
    expect((await call('DELETE', `/api/users/${bob.id}/two-factor`, admin)).json()).toMatchObject({
      error: 'two_factor_not_enabled',
    });
    expect((await call('DELETE', '/api/users/nobody/two-factor', admin)).statusCode).toBe(404);
  });

  it('required for admins: an admin without it is held to enrolment on the server until done', async () => {
    await createUser(t.app, admin, 'mia');
    await createUser(t.app, admin, 'ana', 'admin');
    const member = await login(t.app, 'mia', MEMBER_PASSWORD);
    const ana = await login(t.app, 'ana', MEMBER_PASSWORD);
    const bad = await call('PUT', '/api/admin/two-factor', admin, { requirement: 'sometimes' });
    expect(bad.statusCode).toBe(400);
    // Requiring it of admins needs it on for oneself first.
    const tooEarly = await call('PUT', '/api/admin/two-factor', admin, { requirement: 'admins' });
    expect(tooEarly.statusCode).toBe(409);
    expect(tooEarly.json()).toMatchObject({ error: 'two_factor_not_enabled' });
    const { secret } = await enrolTwoFactor(t.app, admin, clock);
    const set = await call('PUT', '/api/admin/two-factor', admin, { requirement: 'admins' });
    expect(set.json()).toMatchObject({ requirement: 'admins' });
    expect(await auditActions()).toContain('settings.two_factor_requirement');

    // Ana's current session is held at once; a new one is too.
    const fresh = await login(t.app, 'ana', MEMBER_PASSWORD);
    for (const cookie of [ana, fresh]) {
      const users = await call('GET', '/api/users', cookie);
      expect(users.statusCode).toBe(403);
      expect(users.json()).toMatchObject({ error: 'two_factor_enrolment_required' });
      expect((await call('GET', '/api/auth/status', cookie)).json()).toMatchObject({
        twoFactorEnrolmentRequired: true,
      });
      expect((await call('GET', '/api/auth/me', cookie)).statusCode).toBe(200);
    }
    expect((await call('GET', '/api/auth/two-factor', ana)).json()).toMatchObject({
      enrolmentRequired: true,
    });
    expect((await call('GET', '/api/users', admin)).statusCode).toBe(200);
    // Members are not concerned by an admins-only rule.
    expect((await call('GET', '/api/preferences', member)).statusCode).toBe(200);
    expect((await call('GET', '/api/auth/status', member)).json()).toMatchObject({
      twoFactorEnrolmentRequired: false,
    });

    await enrolTwoFactor(t.app, fresh, clock);
    expect((await call('GET', '/api/users', ana)).statusCode).toBe(200);
    expect((await call('GET', '/api/auth/status', ana)).json()).toMatchObject({
      twoFactorEnrolmentRequired: false,
    });
    clock.advance(30_000);
    const off = await call('POST', '/api/auth/two-factor/disable', admin, {
      password: ADMIN.password,
      code: totpCode(secret, clock),
    });
    expect(off.statusCode).toBe(409);
    expect(off.json()).toMatchObject({ error: 'two_factor_required' });

    // Everyone: now the member is held too, and the setting is stored.
    await call('PUT', '/api/admin/two-factor', admin, { requirement: 'everyone' });
    expect((await call('GET', '/api/preferences', member)).json()).toMatchObject({
      error: 'two_factor_enrolment_required',
    });
    expect(await t.database.db.selectFrom('two_factor_settings').select('requirement').execute()).toEqual([
      { requirement: 'everyone' },
    ]);
  });
});
