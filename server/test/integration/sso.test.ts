import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginAuditEntry, SsoSettings, SsoUser, User } from '@archnest/contract';
import { createUser, MEMBER_PASSWORD } from '../helpers/accounts';
import { IDP_PASSWORD, startSsoFixture, type SsoFixture } from '../helpers/sso-fixture';
import { authorizeAtIdp, ssoSignIn, type TestBrowser } from '../helpers/sso-browser';

async function me(f: SsoFixture, browser: TestBrowser): Promise<{ status: number; user?: User }> {
  const response = await browser.request(`${f.base}/api/auth/me`);
  return response.status === 200
    ? { status: 200, user: JSON.parse(response.body) as User }
    : { status: response.status };
}

async function lastAudit(f: SsoFixture): Promise<LoginAuditEntry> {
  const audit = await f.t.app.inject({ url: '/api/admin/login-audit', headers: { cookie: f.adminCookie } });
  return audit.json<LoginAuditEntry[]>()[0]!;
}

async function usernames(f: SsoFixture): Promise<string[]> {
  const users = await f.t.app.inject({ url: '/api/users', headers: { cookie: f.adminCookie } });
  return users
    .json<User[]>()
    .map((u) => u.username)
    .sort();
}

async function userId(f: SsoFixture, username: string): Promise<string> {
  const users = await f.t.app.inject({ url: '/api/users', headers: { cookie: f.adminCookie } });
  return users.json<User[]>().find((u) => u.username === username)!.id;
}

describe.each([
  { dialect: 'sqlite' as const, claimsIn: 'id-token' as const, groupsClaim: undefined },
  { dialect: 'postgres' as const, claimsIn: 'userinfo' as const, groupsClaim: 'archnest_groups' },
])('single sign-on ($dialect, claims in $claimsIn)', ({ dialect, claimsIn, groupsClaim }) => {
  let f: SsoFixture;

  beforeAll(async () => {
    f = await startSsoFixture({
      dialect,
      claimsIn,
      ...(groupsClaim ? { groupsClaim } : {}),
      users: {
        alice: { email: 'alice@example.test', groups: ['staff'] },
        bob: { email: 'bob@example.test', groups: ['staff', 'ops'] },
        carol: { email: 'carol@example.test', groups: ['guests'] },
        noemail: { groups: ['staff'] },
      },
    });
  });
  afterAll(async () => {
    await f?.close();
  });

  it('offers no button and refuses to start until configured', async () => {
    const status = await f.t.app.inject({ url: '/api/auth/status' });
    expect(status.json()).toMatchObject({ sso: null });
    const start = await f.browser().request(`${f.base}/api/auth/sso/login`);
    expect(start.status).toBe(302);
    expect(start.location).toBe(`${f.base}/login?sso_error=not_configured`);
    await f.configure({ allowedGroups: ['staff'], adminGroup: 'ops' });
    expect((await f.t.app.inject({ url: '/api/auth/status' })).json()).toMatchObject({
      sso: { label: 'Test IdP' },
    });
  });

  it('starts with PKCE S256, state and nonce, bound to an HttpOnly single-use cookie', async () => {
    const browser = f.browser();
    const start = await browser.request(`${f.base}/api/auth/sso/login`);
    expect(start.status).toBe(302);
    const url = new URL(start.location!);
    expect(url.origin).toBe(f.idp.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(url.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(url.searchParams.get('redirect_uri')).toBe(`${f.base}/api/auth/sso/callback`);
    const setCookie = String(start.headers['set-cookie']);
    expect(setCookie).toMatch(/archnest_sso=[A-Za-z0-9_-]{43}/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/api/auth/sso');
    // The state is not the cookie: the cookie names a server row holding state, nonce and verifier.
    expect(setCookie).not.toContain(url.searchParams.get('state'));
  });

  it('provisions a member on first login, and signs the same identity in again without a new user', async () => {
    const browser = f.browser();
    const callback = await ssoSignIn(browser, f.base, 'alice', IDP_PASSWORD);
    expect(callback.status).toBe(302);
    expect(callback.location).toBe(`${f.base}/`);
    expect(String(callback.headers['set-cookie'])).toMatch(
      /archnest_session=[^;]+;.*HttpOnly.*SameSite=Strict/,
    );
    expect((await me(f, browser)).user).toMatchObject({ username: 'alice', role: 'member', active: true });
    expect(await lastAudit(f)).toMatchObject({
      username: 'alice',
      success: true,
      method: 'sso',
      reason: 'provisioned',
    });

    const before = await usernames(f);
    const again = f.browser();
    expect((await ssoSignIn(again, f.base, 'alice', IDP_PASSWORD)).location).toBe(`${f.base}/`);
    expect((await me(f, again)).user?.username).toBe('alice');
    expect(await usernames(f)).toEqual(before);
    expect(await lastAudit(f)).toMatchObject({ username: 'alice', method: 'sso', reason: 'ok' });
    const list = await f.t.app.inject({ url: '/api/admin/sso/users', headers: { cookie: f.adminCookie } });
    const alice = list.json<SsoUser[]>().find((u) => u.username === 'alice')!;
    expect(alice.identity).toMatchObject({ issuer: f.idp.issuer, subject: 'alice' });
  });

  it('maps the admin group to admin and re-evaluates the role at each login', async () => {
    const browser = f.browser();
    await ssoSignIn(browser, f.base, 'bob', IDP_PASSWORD);
    expect((await me(f, browser)).user).toMatchObject({ username: 'bob', role: 'admin' });
    f.idp.setUser('bob', { password: IDP_PASSWORD, email: 'bob@example.test', groups: ['staff'] });
    const later = f.browser();
    await ssoSignIn(later, f.base, 'bob', IDP_PASSWORD);
    expect((await me(f, later)).user).toMatchObject({ username: 'bob', role: 'member' });
  });

  it('keeps a pinned role whatever the groups say, and re-evaluates once released', async () => {
    const bob = await userId(f, 'bob');
    const pin = await f.t.app.inject({
      method: 'PUT',
      url: `/api/admin/sso/users/${bob}/role-pin`,
      headers: { cookie: f.adminCookie },
      payload: { pinned: true },
    });
    expect(pin.json()).toMatchObject({ username: 'bob', role: 'member', rolePinned: true });
    f.idp.setUser('bob', { password: IDP_PASSWORD, email: 'bob@example.test', groups: ['staff', 'ops'] });
    const pinned = f.browser();
    await ssoSignIn(pinned, f.base, 'bob', IDP_PASSWORD);
    expect((await me(f, pinned)).user).toMatchObject({ username: 'bob', role: 'member' });

    await f.t.app.inject({
      method: 'PUT',
      url: `/api/admin/sso/users/${bob}/role-pin`,
      headers: { cookie: f.adminCookie },
      payload: { pinned: false },
    });
    const released = f.browser();
    await ssoSignIn(released, f.base, 'bob', IDP_PASSWORD);
    expect((await me(f, released)).user).toMatchObject({ username: 'bob', role: 'admin' });
  });

  it('refuses someone outside the allowed groups, creating nothing', async () => {
    const before = await usernames(f);
    const browser = f.browser();
    const callback = await ssoSignIn(browser, f.base, 'carol', IDP_PASSWORD);
    expect(callback.location).toBe(`${f.base}/login?sso_error=group_not_allowed`);
    expect(
      callback.headers['set-cookie']?.some(
        (c) => c.startsWith('archnest_session=') && !c.startsWith('archnest_session=;'),
      ),
    ).toBe(false);
    expect(await usernames(f)).toEqual(before);
    expect(await lastAudit(f)).toMatchObject({
      username: 'carol',
      success: false,
      method: 'sso',
      reason: 'group_not_allowed',
    });
  });
});

describe('single sign-on refusals and account rules', () => {
  let f: SsoFixture;

  beforeAll(async () => {
    f = await startSsoFixture({
      users: {
        dave: { email: 'dave@example.test', groups: ['staff'] },
        erin: { email: 'erin@example.test', groups: ['staff'] },
        admin: { email: 'admin@example.test', groups: ['staff'] },
        nobody: { email: 'nobody@example.test', groups: ['staff'] },
      },
    });
    await f.configure({ adminGroup: 'ops' });
  });
  afterAll(async () => {
    await f?.close();
  });

  it('refuses a tampered state and a callback without the sign-in cookie', async () => {
    const browser = f.browser();
    const callback = new URL(await authorizeAtIdp(browser, f.base, 'erin', IDP_PASSWORD));
    callback.searchParams.set('state', 'forged-state-value');
    const tampered = await browser.request(callback.href);
    expect(tampered.location).toBe(`${f.base}/login?sso_error=state_mismatch`);
    expect(await lastAudit(f)).toMatchObject({ success: false, method: 'sso', reason: 'state_mismatch' });

    const other = f.browser();
    const url = await authorizeAtIdp(other, f.base, 'erin', IDP_PASSWORD);
    const stranger = f.browser(); // the provider's answer opened in a browser that never started
    expect((await stranger.request(url)).location).toBe(`${f.base}/login?sso_error=state_missing`);
  });

  it('uses a callback once: a replay with the same cookie is refused', async () => {
    const browser = f.browser();
    const url = await authorizeAtIdp(browser, f.base, 'erin', IDP_PASSWORD);
    const cookie = browser.cookie(f.base, 'archnest_sso')!;
    expect((await browser.request(url)).location).toBe(`${f.base}/`);
    const attacker = f.browser();
    attacker.setCookie(f.base, 'archnest_sso', cookie);
    const replay = await attacker.request(url);
    expect(replay.location).toBe(`${f.base}/login?sso_error=expired`);
    expect(replay.headers['set-cookie']?.some((c) => /^archnest_session=[^;]+/.test(c))).toBe(false);
    expect(await lastAudit(f)).toMatchObject({ success: false, method: 'sso', reason: 'expired' });
  });

  it('refuses an expired sign-in and an ID token whose nonce differs', async () => {
    const slow = f.browser();
    const url = await authorizeAtIdp(slow, f.base, 'erin', IDP_PASSWORD);
    await f.t.database.db.updateTable('sso_logins').set({ expires_at: '2000-01-01T00:00:00.000Z' }).execute();
    expect((await slow.request(url)).location).toBe(`${f.base}/login?sso_error=expired`);

    const browser = f.browser();
    const second = await authorizeAtIdp(browser, f.base, 'erin', IDP_PASSWORD);
    await f.t.database.db.updateTable('sso_logins').set({ nonce: 'not-the-nonce-that-was-sent' }).execute();
    expect((await browser.request(second)).location).toBe(`${f.base}/login?sso_error=nonce_mismatch`);
    expect(await lastAudit(f)).toMatchObject({ success: false, reason: 'nonce_mismatch' });
  });

  it('passes on the provider refusing (access_denied) as a plain code', async () => {
    const browser = f.browser();
    await browser.request(`${f.base}/api/auth/sso/login`);
    const answer = await browser.request(`${f.base}/api/auth/sso/callback?error=access_denied&state=x`);
    expect(answer.location).toBe(`${f.base}/login?sso_error=access_denied`);
  });

  it('refuses a deactivated user and ends a session at logout', async () => {
    const browser = f.browser();
    await ssoSignIn(browser, f.base, 'erin', IDP_PASSWORD);
    expect((await me(f, browser)).status).toBe(200);
    const logout = await browser.request(`${f.base}/api/auth/logout`, { method: 'POST', origin: f.base });
    expect(logout.status).toBe(204);
    expect((await me(f, browser)).status).toBe(401);

    const erin = await userId(f, 'erin');
    await f.t.app.inject({
      method: 'PATCH',
      url: `/api/users/${erin}`,
      headers: { cookie: f.adminCookie },
      payload: { active: false },
    });
    const refused = await ssoSignIn(f.browser(), f.base, 'erin', IDP_PASSWORD);
    expect(refused.location).toBe(`${f.base}/login?sso_error=account_disabled`);
    expect(await lastAudit(f)).toMatchObject({
      username: 'erin',
      success: false,
      reason: 'account_disabled',
    });
  });

  it('refuses an unknown person when auto-provisioning is off', async () => {
    await f.configure({ autoProvision: false, adminGroup: 'ops' });
    const refused = await ssoSignIn(f.browser(), f.base, 'nobody', IDP_PASSWORD);
    expect(refused.location).toBe(`${f.base}/login?sso_error=no_account`);
    expect(await usernames(f)).not.toContain('nobody');
  });

  it('links an existing local account only with that account’s password, by issuer and subject', async () => {
    await createUser(f.t.app, f.adminCookie, 'dave');
    const browser = f.browser();
    const callback = await ssoSignIn(browser, f.base, 'dave', IDP_PASSWORD);
    expect(callback.location).toBe(`${f.base}/login?sso=link`);
    expect(callback.headers['set-cookie']?.some((c) => /^archnest_session=[^;]+/.test(c))).toBe(false);
    const pending = await browser.request(`${f.base}/api/auth/sso/link`);
    expect(JSON.parse(pending.body)).toMatchObject({ username: 'dave' });

    const wrong = await browser.request(`${f.base}/api/auth/sso/link`, {
      json: { password: 'not-daves-password' },
      origin: f.base,
    });
    expect(wrong.status).toBe(401);
    expect(JSON.parse(wrong.body)).toMatchObject({ error: 'invalid_credentials' });
    expect((await me(f, browser)).status).toBe(401);
    // Without the pending-link cookie, a password alone links nothing.
    const stranger = await f.browser().request(`${f.base}/api/auth/sso/link`, {
      json: { password: MEMBER_PASSWORD },
      origin: f.base,
    });
    expect(stranger.status).toBe(404);
    expect(JSON.parse(stranger.body)).toMatchObject({ error: 'sso_link_missing' });

    const right = await browser.request(`${f.base}/api/auth/sso/link`, {
      json: { password: MEMBER_PASSWORD },
      origin: f.base,
    });
    expect(right.status).toBe(200);
    expect((await me(f, browser)).user).toMatchObject({ username: 'dave' });
    expect(await lastAudit(f)).toMatchObject({
      username: 'dave',
      success: true,
      method: 'sso',
      reason: 'linked',
    });

    // Linked now: the next provider sign-in needs no password.
    const next = f.browser();
    expect((await ssoSignIn(next, f.base, 'dave', IDP_PASSWORD)).location).toBe(`${f.base}/`);
    expect((await me(f, next)).user?.username).toBe('dave');
  });

  it('drops a pending link after five wrong passwords', async () => {
    const browser = f.browser();
    expect((await ssoSignIn(browser, f.base, 'admin', IDP_PASSWORD)).location).toBe(
      `${f.base}/login?sso=link`,
    );
    for (let i = 0; i < 5; i++) {
      const wrong = await browser.request(`${f.base}/api/auth/sso/link`, {
        json: { password: `guess-${i}` },
        origin: f.base,
      });
      expect(wrong.status).toBe(401);
    }
    const after = await browser.request(`${f.base}/api/auth/sso/link`, {
      json: { password: 'correct-horse-42' },
      origin: f.base,
    });
    expect(after.status).toBe(404);
  });

  it('never demotes the last active admin through group mapping', async () => {
    // The setup admin is the only admin; its provider identity is not in the admin group.
    const browser = f.browser();
    await ssoSignIn(browser, f.base, 'admin', IDP_PASSWORD);
    const linked = await browser.request(`${f.base}/api/auth/sso/link`, {
      json: { password: 'correct-horse-42' },
      origin: f.base,
    });
    expect(linked.status).toBe(200);
    expect((await me(f, browser)).user).toMatchObject({ username: 'admin', role: 'admin' });
    const again = f.browser();
    await ssoSignIn(again, f.base, 'admin', IDP_PASSWORD);
    expect((await me(f, again)).user).toMatchObject({ username: 'admin', role: 'admin' });
    const audit = await f.t.app.inject({
      url: '/api/admin/audit?action=sso.last_admin_kept',
      headers: { cookie: f.adminCookie },
    });
    expect(audit.json<{ entries: unknown[] }>().entries.length).toBeGreaterThanOrEqual(1);
  });

  it('keeps TLS verification on: without the provider’s CA, discovery and sign-in fail', async () => {
    await f.configure({ autoProvision: false, adminGroup: 'ops', caPem: null });
    const test = await f.t.app.inject({
      method: 'POST',
      url: '/api/admin/sso/test',
      headers: { cookie: f.adminCookie },
    });
    expect(test.json()).toMatchObject({ ok: false });
    expect(test.json<{ message: string }>().message).toMatch(/certificate/i);
    const start = await f.browser().request(`${f.base}/api/auth/sso/login`);
    expect(start.location).toBe(`${f.base}/login?sso_error=provider_error`);
    await f.configure({ autoProvision: false, adminGroup: 'ops' });
    const ok = await f.t.app.inject({
      method: 'POST',
      url: '/api/admin/sso/test',
      headers: { cookie: f.adminCookie },
    });
    expect(ok.json()).toMatchObject({ ok: true, authorizationEndpoint: `${f.idp.issuer}/auth` });
  });

  it('keeps settings admin-only and never returns or audits the client secret', async () => {
    const member = await createUser(f.t.app, f.adminCookie, 'memberx');
    expect(member.role).toBe('member');
    const memberLogin = await f.t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'memberx', password: MEMBER_PASSWORD },
    });
    const memberCookie = `archnest_session=${memberLogin.cookies.find((c) => c.name === 'archnest_session')!.value}`;
    for (const [method, url] of [
      ['GET', '/api/admin/sso/settings'],
      ['PUT', '/api/admin/sso/settings'],
      ['POST', '/api/admin/sso/test'],
      ['GET', '/api/admin/sso/users'],
    ] as const) {
      expect(
        (await f.t.app.inject({ method, url, payload: method === 'PUT' ? {} : undefined })).statusCode,
      ).toBe(401);
      const asMember = await f.t.app.inject({
        method,
        url,
        headers: { cookie: memberCookie },
        ...(method === 'PUT' ? { payload: {} } : {}),
      });
      expect(asMember.statusCode, `${method} ${url}`).toBe(403);
    }
    const view = await f.t.app.inject({ url: '/api/admin/sso/settings', headers: { cookie: f.adminCookie } });
    expect(view.json<SsoSettings>()).toMatchObject({ clientSecretSet: true, ready: true, locked: [] });
    expect(view.body).not.toContain(f.idp.clientSecret);
    const audit = await f.t.app.inject({
      url: '/api/admin/audit?limit=500',
      headers: { cookie: f.adminCookie },
    });
    expect(audit.body).toContain('sso.settings_updated');
    expect(audit.body).not.toContain(f.idp.clientSecret);
    const stored = await f.t.database.db.selectFrom('sso_settings').selectAll().executeTakeFirstOrThrow();
    expect(stored.client_secret_sealed).not.toContain(f.idp.clientSecret);
    const invalid = await f.t.app.inject({
      method: 'PUT',
      url: '/api/admin/sso/settings',
      headers: { cookie: f.adminCookie },
      payload: { issuer: 'http://id.example.test' },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ error: 'invalid_request' });
  });
});
