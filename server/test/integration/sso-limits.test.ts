import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { endpoints, SEAT_LIMIT, type SsoSettings, type User } from '@archnest/contract';
import { setupAdmin } from '../helpers/accounts';
import { authorizeAtIdp } from '../helpers/sso-browser';
import { IDP_PASSWORD, startSsoFixture, type SsoFixture } from '../helpers/sso-fixture';
import { SecretBox } from '../../src/crypto/secret-box';
import { createTestApp, dialects } from '../helpers/test-app';

describe.each(dialects)('single sign-on seat cap (%s)', (dialect) => {
  let f: SsoFixture;
  const people = Array.from({ length: 12 }, (_, i) => `seat${String(i).padStart(2, '0')}`);

  beforeAll(async () => {
    f = await startSsoFixture({
      dialect,
      users: Object.fromEntries(people.map((p) => [p, { email: `${p}@example.test`, groups: ['staff'] }])),
    });
    await f.configure({ allowedGroups: ['staff'] });
  });
  afterAll(async () => {
    await f?.close();
  });

  it('provisions no more than the seat limit when every callback arrives at once', async () => {
    // Everyone finishes at the provider first; then all callbacks hit ArchNest in parallel.
    const pending = [];
    for (const person of people) {
      const browser = f.browser();
      pending.push({ browser, url: await authorizeAtIdp(browser, f.base, person, IDP_PASSWORD) });
    }
    const answers = await Promise.all(pending.map(({ browser, url }) => browser.request(url)));
    const signedIn = answers.filter((a) => a.location === `${f.base}/`);
    const full = answers.filter((a) => a.location === `${f.base}/login?sso_error=seat_limit`);
    expect(signedIn.length).toBe(SEAT_LIMIT - 1); // the first admin holds one seat
    expect(full.length).toBe(people.length - (SEAT_LIMIT - 1));
    const users = await f.t.app.inject({ url: '/api/users', headers: { cookie: f.adminCookie } });
    expect(users.json<User[]>().filter((u) => u.active)).toHaveLength(SEAT_LIMIT);
    const audit = await f.t.app.inject({ url: '/api/admin/login-audit', headers: { cookie: f.adminCookie } });
    expect(
      audit.json<{ reason: string; method: string }[]>().filter((e) => e.reason === 'seat_limit'),
    ).toHaveLength(full.length);
  });
});

describe('single sign-on in the community edition', () => {
  it('answers 403 feature_unavailable on every SSO route and offers no button', async () => {
    const t = await createTestApp({
      env: {
        ARCHNEST_OIDC_ENABLED: 'true',
        ARCHNEST_OIDC_ISSUER: 'https://id.example.test',
        ARCHNEST_OIDC_CLIENT_ID: 'archnest',
        ARCHNEST_OIDC_CLIENT_SECRET: 'community-secret-value',
      },
    });
    try {
      const admin = await setupAdmin(t.app);
      const sso = Object.values(endpoints).filter((e) => 'feature' in e && e.feature === 'sso');
      expect(sso.length).toBe(10);
      for (const e of sso) {
        const response = await t.app.inject({
          method: e.method,
          url: e.path.replace(':id', 'x'),
          headers: { cookie: admin, 'content-type': 'application/json' },
          ...(e.method === 'PUT' || e.method === 'POST' ? { payload: '{}' } : {}),
        });
        expect(response.statusCode, `${e.method} ${e.path}`).toBe(403);
        expect(response.json(), `${e.method} ${e.path}`).toMatchObject({ error: 'feature_unavailable' });
      }
      const status = await t.app.inject({ url: '/api/auth/status' });
      expect(status.json()).toMatchObject({ sso: null });
    } finally {
      await t.close();
    }
  });
});

describe('single sign-on settings from the environment', () => {
  it('shows environment values locked and refuses to change them with 409 sso_setting_locked', async () => {
    const t = await createTestApp({
      env: {
        ARCHNEST_EDITION: 'pro',
        ARCHNEST_OIDC_ISSUER: 'https://id.example.test/realms/main',
        ARCHNEST_OIDC_CLIENT_ID: 'archnest-iac',
        ARCHNEST_OIDC_CLIENT_SECRET: 'env-secret-never-shown',
        ARCHNEST_OIDC_ALLOWED_GROUPS: 'staff, ops',
      },
    });
    try {
      const admin = await setupAdmin(t.app);
      const view = await t.app.inject({ url: '/api/admin/sso/settings', headers: { cookie: admin } });
      expect(view.json<SsoSettings>()).toMatchObject({
        issuer: 'https://id.example.test/realms/main',
        clientId: 'archnest-iac',
        clientSecretSet: true,
        allowedGroups: ['staff', 'ops'],
        enabled: false,
        ready: false,
      });
      expect(view.json<SsoSettings>().locked.sort()).toEqual([
        'allowedGroups',
        'clientId',
        'clientSecret',
        'issuer',
      ]);
      expect(view.body).not.toContain('env-secret-never-shown');

      for (const payload of [
        { issuer: 'https://other.example.test' },
        { clientSecret: 'another-secret' },
        { allowedGroups: ['everyone'] },
      ]) {
        const refused = await t.app.inject({
          method: 'PUT',
          url: '/api/admin/sso/settings',
          headers: { cookie: admin },
          payload,
        });
        expect(refused.statusCode).toBe(409);
        expect(refused.json()).toMatchObject({ error: 'sso_setting_locked' });
        expect(refused.json<{ message: string }>().message).toContain(Object.keys(payload)[0]);
      }
      // Sending a locked field unchanged (as a form does) is fine; unlocked fields save.
      const saved = await t.app.inject({
        method: 'PUT',
        url: '/api/admin/sso/settings',
        headers: { cookie: admin },
        payload: { issuer: 'https://id.example.test/realms/main', enabled: true, buttonLabel: 'Company SSO' },
      });
      expect(saved.statusCode).toBe(200);
      expect(saved.json()).toMatchObject({ enabled: true, ready: true, buttonLabel: 'Company SSO' });
      expect((await t.app.inject({ url: '/api/auth/status' })).json()).toMatchObject({
        sso: { label: 'Company SSO' },
      });
    } finally {
      await t.close();
    }
  });
});

describe('single sign-on with a secret sealed under another key', () => {
  it('treats the secret as unset: the login page still loads and offers no button', async () => {
    const t = await createTestApp({ env: { ARCHNEST_EDITION: 'pro' } });
    try {
      const admin = await setupAdmin(t.app);
      const saved = await t.app.inject({
        method: 'PUT',
        url: '/api/admin/sso/settings',
        headers: { cookie: admin },
        payload: {
          enabled: true,
          issuer: 'https://id.example.test',
          clientId: 'a',
          clientSecret: 'first-secret',
        },
      });
      expect(saved.json()).toMatchObject({ ready: true, clientSecretSet: true });
      const foreign = new SecretBox(Buffer.alloc(32, 9)).seal('other', 'sso:oidc:client_secret');
      await t.database.db.updateTable('sso_settings').set({ client_secret_sealed: foreign }).execute();
      const status = await t.app.inject({ url: '/api/auth/status' });
      expect(status.statusCode).toBe(200);
      expect(status.json()).toMatchObject({ sso: null });
      const view = await t.app.inject({ url: '/api/admin/sso/settings', headers: { cookie: admin } });
      expect(view.json()).toMatchObject({ ready: false, clientSecretSet: false });
      const start = await t.app.inject({ url: '/api/auth/sso/login' });
      expect(start.statusCode).toBe(302);
      expect(start.headers.location).toBe('/login?sso_error=not_configured');
    } finally {
      await t.close();
    }
  });
});
