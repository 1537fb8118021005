import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginAuditEntry, User } from '@archnest/contract';
import { IDP_PASSWORD, startSsoFixture, type SsoFixture } from '../helpers/sso-fixture';
import { ssoSignIn, type TestBrowser } from '../helpers/sso-browser';

async function me(f: SsoFixture, browser: TestBrowser): Promise<{ status: number; user?: User }> {
  const response = await browser.request(`${f.base}/api/auth/me`);
  return response.status === 200
    ? { status: 200, user: JSON.parse(response.body) as User }
    : { status: response.status };
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
      },
    });
  });
  afterAll(async () => {
    await f?.close();
  });

  it('provisions a member on first login and signs the same identity in again', async () => {
    await f.configure({ allowedGroups: ['staff'], adminGroup: 'ops' });
    const browser = f.browser();
    const callback = await ssoSignIn(browser, f.base, 'alice', IDP_PASSWORD);
    expect(callback.status).toBe(302);
    expect(callback.location).toBe(`${f.base}/`);
    expect((await me(f, browser)).user).toMatchObject({ username: 'alice', role: 'member', active: true });
    const audit = await f.t.app.inject({ url: '/api/admin/login-audit', headers: { cookie: f.adminCookie } });
    expect(audit.json<LoginAuditEntry[]>()[0]).toMatchObject({
      username: 'alice',
      success: true,
      method: 'sso',
      reason: 'provisioned',
    });
  });
});
