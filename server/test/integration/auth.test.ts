import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoginAuditEntry, SessionInfo } from '@archnest/contract';
import { ManualClock } from '../../src/clock';
import { ADMIN, createUser, login, MEMBER_PASSWORD, sessionCookie, setupAdmin } from '../helpers/accounts';
import { createTestApp, dialects, type TestApp } from '../helpers/test-app';

describe.each(dialects)('accounts and sessions on %s', (dialect) => {
  let t: TestApp;
  const clock = new ManualClock();

  beforeEach(async () => {
    t = await createTestApp({ dialect, clock });
  });
  afterEach(async () => {
    await t.close();
  });

  it('first run needs setup, creates the first admin with a session, and refuses a second setup', async () => {
    const before = await t.app.inject({ url: '/api/auth/status' });
    expect(before.json()).toEqual({
      setupRequired: true,
      user: null,
      twoFactorEnrolmentRequired: false,
      sso: null,
    });

    const setup = await t.app.inject({ method: 'POST', url: '/api/auth/setup', payload: ADMIN });
    expect(setup.statusCode).toBe(201);
    expect(setup.json().user).toMatchObject({ username: 'admin', role: 'admin', active: true });
    const cookie = setup.cookies.find((c) => c.name === 'archnest_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });

    const status = await t.app.inject({ url: '/api/auth/status', headers: { cookie: sessionCookie(setup) } });
    expect(status.json()).toMatchObject({ setupRequired: false, user: { username: 'admin' } });

    const again = await t.app.inject({
      method: 'POST',
      url: '/api/auth/setup',
      payload: { username: 'x2admin', password: 'another-pass-99' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ error: 'setup_done' });
  });

  it('setup refuses a weak password and an invalid username with clear messages', async () => {
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/auth/setup',
      payload: { username: 'admin', password: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ error: 'weak_password' });
    expect(weak.json().message).toContain('at least 10 characters');

    const badName = await t.app.inject({
      method: 'POST',
      url: '/api/auth/setup',
      payload: { username: '../x', password: 'long-enough-pass' },
    });
    expect(badName.statusCode).toBe(400);
    expect(badName.json()).toMatchObject({ error: 'invalid_request', issues: [{ path: ['username'] }] });
    expect((await t.app.inject({ url: '/api/auth/status' })).json().setupRequired).toBe(true);
  });

  it('login answers the same for an unknown user and a wrong password, and audits both', async () => {
    await setupAdmin(t.app);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'nobody', password: 'whatever-123' },
    });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'wrong-password' },
    });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.json()).toEqual({ error: 'invalid_credentials', message: 'Wrong username or password.' });

    const cookie = await login(t.app, 'ADMIN', ADMIN.password); // usernames are case-insensitive
    const all = (await t.app.inject({ url: '/api/admin/login-audit', headers: { cookie } })).json<
      LoginAuditEntry[]
    >();
    expect(all.map((e) => [e.username, e.success, e.reason])).toEqual([
      ['admin', true, 'ok'],
      ['admin', false, 'wrong_password'],
      ['nobody', false, 'unknown_user'],
      ['admin', true, 'ok'],
    ]);
    const own = (await t.app.inject({ url: '/api/auth/login-audit', headers: { cookie } })).json<
      LoginAuditEntry[]
    >();
    expect(own.map((e) => e.reason)).toEqual(['ok', 'wrong_password', 'ok']);
  });

  it('a disabled account is refused only after the right password', async () => {
    const admin = await setupAdmin(t.app);
    const member = await createUser(t.app, admin, 'bob');
    await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${member.id}`,
      headers: { cookie: admin },
      payload: { active: false },
    });
    const right = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'bob', password: MEMBER_PASSWORD },
    });
    expect(right.statusCode).toBe(403);
    expect(right.json()).toMatchObject({ error: 'account_disabled' });
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'bob', password: 'not-his-password' },
    });
    expect(wrong.statusCode).toBe(401);
  });

  it('rate limits failed logins per username and address and per IP with Retry-After, and audits the refusal', async () => {
    await setupAdmin(t.app);
    for (let i = 0; i < 5; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: `bad-${i}-password` },
        remoteAddress: '10.0.0.99',
      });
      expect(r.statusCode).toBe(401);
    }
    const limited = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: ADMIN,
      remoteAddress: '10.0.0.99',
    });
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: 'rate_limited' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(900);
    // The username is not locked for everyone: its owner elsewhere signs in.
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: ADMIN,
          remoteAddress: '10.0.0.5',
        })
      ).statusCode,
    ).toBe(200);

    clock.advance(15 * 60_000 + 1000);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: ADMIN,
          remoteAddress: '10.0.0.99',
        })
      ).statusCode,
    ).toBe(200);

    // Per IP: 20 failures over many usernames block that address only.
    for (let i = 0; i < 20; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: `guess${i}`, password: 'x-password-1' },
        remoteAddress: '192.0.2.7',
      });
    }
    const fromIp = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: ADMIN,
      remoteAddress: '192.0.2.7',
    });
    expect(fromIp.statusCode).toBe(429);
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: ADMIN,
      remoteAddress: '192.0.2.8',
    });
    expect(elsewhere.statusCode).toBe(200);

    const cookie = sessionCookie(elsewhere);
    const audit = (await t.app.inject({ url: '/api/admin/login-audit?limit=500', headers: { cookie } })).json<
      LoginAuditEntry[]
    >();
    expect(audit.filter((e) => e.reason === 'rate_limited').map((e) => e.ip)).toEqual([
      '192.0.2.7',
      '10.0.0.99',
    ]);
  });

  it('logout ends the session at once', async () => {
    const cookie = await setupAdmin(t.app);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'archnest_session')?.value).toBe('');
    const me = await t.app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
    expect(me.json()).toMatchObject({ error: 'unauthorized' });
  });

  it('password change needs the current password, enforces strength and ends every other session', async () => {
    const first = await setupAdmin(t.app);
    const second = await login(t.app, ADMIN.username, ADMIN.password);

    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: first },
      payload: { currentPassword: 'nope-nope-nope', newPassword: 'a-brand-new-pass' },
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ error: 'wrong_password' });
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: first },
      payload: { currentPassword: ADMIN.password, newPassword: 'aaaaaaaaaaaa' },
    });
    expect(weak.json()).toMatchObject({ error: 'weak_password' });

    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie: first },
      payload: { currentPassword: ADMIN.password, newPassword: 'a-brand-new-pass' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: first } })).statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: second } })).statusCode).toBe(401);
    await expect(login(t.app, 'admin', ADMIN.password)).rejects.toThrow(/401/);
    await login(t.app, 'admin', 'a-brand-new-pass');
  });

  it('lists own sessions and ends one; another user’s session id is not found', async () => {
    const first = await setupAdmin(t.app);
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: ADMIN,
      headers: { 'user-agent': 'TestBrowser/2' },
      remoteAddress: '198.51.100.4',
    });
    const secondCookie = sessionCookie(second);
    const sessions = (await t.app.inject({ url: '/api/auth/sessions', headers: { cookie: first } })).json<
      SessionInfo[]
    >();
    expect(sessions).toHaveLength(2);
    const other = sessions.find((s) => !s.current)!;
    expect(other).toMatchObject({ ip: '198.51.100.4', userAgent: 'TestBrowser/2' });
    expect(sessions.filter((s) => s.current)).toHaveLength(1);

    const member = await createUser(t.app, first, 'carol');
    const memberCookie = await login(t.app, member.username, MEMBER_PASSWORD);
    const foreign = await t.app.inject({
      method: 'DELETE',
      url: `/api/auth/sessions/${other.id}`,
      headers: { cookie: memberCookie },
    });
    expect(foreign.statusCode).toBe(404);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: secondCookie } })).statusCode).toBe(
      200,
    );

    const end = await t.app.inject({
      method: 'DELETE',
      url: `/api/auth/sessions/${other.id}`,
      headers: { cookie: first },
    });
    expect(end.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie: secondCookie } })).statusCode).toBe(
      401,
    );
  });

  it('a session expires after the idle limit and is touched by use', async () => {
    const cookie = await setupAdmin(t.app);
    clock.advance(6 * 24 * 3_600_000); // 6 days: within the 7-day idle limit
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    clock.advance(6 * 24 * 3_600_000); // used 6 days ago: still alive
    expect((await t.app.inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    clock.advance(7 * 24 * 3_600_000 + 1000);
    const expired = await t.app.inject({ url: '/api/auth/me', headers: { cookie } });
    expect(expired.statusCode).toBe(401);
  });
});
