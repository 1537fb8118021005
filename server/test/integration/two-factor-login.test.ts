import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoginAuditEntry } from '@archnest/contract';
import { ManualClock } from '../../src/clock';
import { ADMIN, sessionCookie, setupAdmin } from '../helpers/accounts';
import { createTestApp, dialects, type TestApp } from '../helpers/test-app';
import { enrolTwoFactor, finishLogin, PENDING_COOKIE, startLogin, totpCode } from '../helpers/two-factor';

describe.each(dialects)('two-factor sign-in on %s', (dialect) => {
  let t: TestApp;
  let clock: ManualClock;
  let admin: string;
  let secret: string;
  let recoveryCodes: string[];

  beforeEach(async () => {
    clock = new ManualClock();
    t = await createTestApp({ dialect, clock });
    admin = await setupAdmin(t.app);
    ({ secret, recoveryCodes } = await enrolTwoFactor(t.app, admin, clock));
    clock.advance(30_000); // the enrolment used this step's code
  });
  afterEach(async () => {
    await t.close();
  });

  async function loginReasons(): Promise<string[]> {
    const rows = await t.database.db
      .selectFrom('login_audit')
      .select(['reason'])
      .orderBy('id', 'desc')
      .execute();
    return rows.map((r) => r.reason);
  }

  it('a right password gives a pending login, not a session; a right code then gives the session', async () => {
    const password = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: ADMIN });
    expect(password.statusCode).toBe(200);
    expect(password.json()).toEqual({ twoFactorRequired: true });
    expect(password.cookies.find((c) => c.name === 'archnest_session')).toBeUndefined();
    const cookie = password.cookies.find((c) => c.name === PENDING_COOKIE);
    expect(cookie).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
      path: '/api/auth/login',
      maxAge: 300,
    });
    const pending = `${PENDING_COOKIE}=${cookie?.value}`;

    // The pending token is no session, neither under its own name nor as a session cookie.
    for (const c of [pending, `archnest_session=${cookie?.value}`]) {
      const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie: c } });
      expect(me.statusCode).toBe(401);
    }
    const status = await t.app.inject({ url: '/api/auth/status', headers: { cookie: pending } });
    expect(status.json()).toMatchObject({ user: null });

    const wrong = await finishLogin(t.app, pending, { code: totpCode(secret, clock, 5) });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: 'invalid_two_factor_code' });

    const right = await finishLogin(t.app, pending, { code: totpCode(secret, clock) });
    expect(right.statusCode).toBe(200);
    expect(right.json()).toMatchObject({ user: { username: 'admin' } });
    expect(right.cookies.find((c) => c.name === PENDING_COOKIE)?.value).toBe('');
    const session = sessionCookie(right);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: session } })).statusCode).toBe(200);

    // The pending login was used up.
    clock.advance(30_000);
    const again = await finishLogin(t.app, pending, { code: totpCode(secret, clock) });
    expect(again.statusCode).toBe(401);
    expect(again.json()).toMatchObject({ error: 'pending_login_expired' });
    expect((await loginReasons()).slice(0, 3)).toEqual(['ok', 'wrong_two_factor_code', 'two_factor_pending']);
  });

  it('without the pending cookie, the second step answers 401 pending_login_expired', async () => {
    const none = await finishLogin(t.app, undefined, { code: totpCode(secret, clock) });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toMatchObject({ error: 'pending_login_expired' });
    const forged = await finishLogin(t.app, `${PENDING_COOKIE}=forged-token`, {
      code: totpCode(secret, clock),
    });
    expect(forged.json()).toMatchObject({ error: 'pending_login_expired' });
    const malformed = await finishLogin(t.app, undefined, { code: '12ab56' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('refuses a code whose time step was already used, and accepts ±1 step only', async () => {
    const first = await startLogin(t.app, ADMIN.username, ADMIN.password);
    const code = totpCode(secret, clock);
    expect((await finishLogin(t.app, first, { code })).statusCode).toBe(200);

    const second = await startLogin(t.app, ADMIN.username, ADMIN.password);
    const replay = await finishLogin(t.app, second, { code });
    expect(replay.statusCode).toBe(401);
    expect(replay.json()).toMatchObject({ error: 'invalid_two_factor_code' });
    expect(replay.json().message).toContain('already used');
    expect((await loginReasons())[0]).toBe('two_factor_code_replayed');

    // Two steps ahead is outside the window; the next step's code (one ahead) is inside it.
    expect((await finishLogin(t.app, second, { code: totpCode(secret, clock, 2) })).statusCode).toBe(401);
    expect((await finishLogin(t.app, second, { code: totpCode(secret, clock, 1) })).statusCode).toBe(200);
    // That used step +1: the current step (older) cannot be used any more either.
    const third = await startLogin(t.app, ADMIN.username, ADMIN.password);
    clock.advance(30_000);
    expect((await finishLogin(t.app, third, { code: totpCode(secret, clock, -1) })).statusCode).toBe(401);
    expect((await finishLogin(t.app, third, { code: totpCode(secret, clock, 1) })).statusCode).toBe(200);
  });

  it('one code sent on several pending logins at once signs in exactly one of them', async () => {
    const pendings = await Promise.all(
      Array.from({ length: 4 }, () => startLogin(t.app, ADMIN.username, ADMIN.password)),
    );
    const code = totpCode(secret, clock);
    const answers = await Promise.all(pendings.map((p) => finishLogin(t.app, p, { code })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 401, 401, 401]);
    expect((await loginReasons()).filter((r) => r === 'two_factor_code_replayed')).toHaveLength(3);
  });

  it('the pending login expires after five minutes, and the expiry is audited', async () => {
    const pending = await startLogin(t.app, ADMIN.username, ADMIN.password);
    clock.advance(5 * 60_000 + 1000);
    const late = await finishLogin(t.app, pending, { code: totpCode(secret, clock) });
    expect(late.statusCode).toBe(401);
    expect(late.json()).toMatchObject({ error: 'pending_login_expired' });
    expect((await loginReasons())[0]).toBe('pending_login_expired');
    expect(await t.database.db.selectFrom('pending_logins').selectAll().execute()).toEqual([]);
  });

  it('a recovery code signs in once, in any case and grouping', async () => {
    const code = recoveryCodes[3] ?? '';
    const first = await startLogin(t.app, ADMIN.username, ADMIN.password);
    const ok = await finishLogin(t.app, first, { recoveryCode: code.toUpperCase().replace(/-/g, ' ') });
    expect(ok.statusCode).toBe(200);
    expect((await loginReasons())[0]).toBe('ok_recovery_code');

    const second = await startLogin(t.app, ADMIN.username, ADMIN.password);
    const reused = await finishLogin(t.app, second, { recoveryCode: code });
    expect(reused.statusCode).toBe(401);
    expect(reused.json()).toMatchObject({ error: 'invalid_two_factor_code' });
    expect((await loginReasons())[0]).toBe('wrong_recovery_code');

    const status = await t.app.inject({
      url: '/api/auth/two-factor',
      headers: { cookie: sessionCookie(ok) },
    });
    expect(status.json()).toMatchObject({ enabled: true, recoveryCodesRemaining: 9 });
  });

  it('takes the code in the login call itself as `totp`', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { ...ADMIN, totp: totpCode(secret, clock, 3) },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: 'invalid_two_factor_code' });
    expect(wrong.cookies.find((c) => c.name === 'archnest_session')).toBeUndefined();

    const right = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { ...ADMIN, totp: totpCode(secret, clock) },
    });
    expect(right.statusCode).toBe(200);
    expect(right.json()).toMatchObject({ user: { username: 'admin' } });
    expect(
      (await t.app.inject({ url: '/api/auth/me', headers: { cookie: sessionCookie(right) } })).statusCode,
    ).toBe(200);
    // A wrong password with a right code is still a wrong password.
    clock.advance(30_000);
    const badPassword = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'not-the-password', totp: totpCode(secret, clock) },
    });
    expect(badPassword.json()).toMatchObject({ error: 'invalid_credentials' });
    const audit = (
      await t.app.inject({ url: '/api/admin/login-audit', headers: { cookie: sessionCookie(right) } })
    )
      .json<LoginAuditEntry[]>()
      .map((e) => e.reason);
    expect(audit.slice(0, 3)).toEqual(['wrong_password', 'ok', 'wrong_two_factor_code']);
  });

  it('limits parallel wrong codes per pending login (5) and per user (10), with Retry-After', async () => {
    const pending = await startLogin(t.app, ADMIN.username, ADMIN.password);
    const wrongCode = totpCode(secret, clock, 7);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => finishLogin(t.app, pending, { code: wrongCode })),
    );
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    const limited = answers.find((a) => a.statusCode === 429);
    expect(limited?.json()).toMatchObject({ error: 'rate_limited' });
    expect(Number(limited?.headers['retry-after'])).toBeGreaterThan(0);
    // Even the right code is refused on that pending login now.
    expect((await finishLogin(t.app, pending, { code: totpCode(secret, clock) })).statusCode).toBe(429);

    // Per user: fresh pending logins share the user's counter (5 more failures fill it).
    const more = await Promise.all(
      Array.from({ length: 3 }, () => startLogin(t.app, ADMIN.username, ADMIN.password)),
    );
    const spread = await Promise.all(
      more.flatMap((p) => Array.from({ length: 4 }, () => finishLogin(t.app, p, { code: wrongCode }))),
    );
    expect(spread.filter((a) => a.statusCode === 401)).toHaveLength(5);
    expect(spread.filter((a) => a.statusCode === 429)).toHaveLength(7);
    const fresh = await startLogin(t.app, ADMIN.username, ADMIN.password);
    expect((await finishLogin(t.app, fresh, { code: totpCode(secret, clock) })).statusCode).toBe(429);
    const oneCall = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { ...ADMIN, totp: totpCode(secret, clock) },
    });
    expect(oneCall.statusCode).toBe(429);

    const reasons = await loginReasons();
    expect(reasons.filter((r) => r === 'wrong_two_factor_code')).toHaveLength(10);
    expect(reasons).toContain('two_factor_rate_limited');

    // The window passes; the right code works again.
    clock.advance(15 * 60_000 + 1000);
    const later = await startLogin(t.app, ADMIN.username, ADMIN.password);
    expect((await finishLogin(t.app, later, { code: totpCode(secret, clock) })).statusCode).toBe(200);
  });
});
