import { startOidcProvider, type IdpUser, type OidcProvider } from '@archnest/test-support';
import type { UpdateSsoSettingsBody } from '@archnest/contract';
import type { Dialect } from '../../src/db/database';
import { setupAdmin } from './accounts';
import { TestBrowser } from './sso-browser';
import { createTestApp, type TestApp } from './test-app';

export const IDP_PASSWORD = 'idp-pass-3141';

export interface SsoFixture {
  t: TestApp;
  idp: OidcProvider;
  base: string;
  adminCookie: string;
  browser(): TestBrowser;
  configure(changes?: UpdateSsoSettingsBody): Promise<void>;
  close(): Promise<void>;
}

/** A pro ArchNest listening on loopback with its first admin, and a real OIDC provider trusted by a CA. */
export async function startSsoFixture(options: {
  dialect?: Dialect;
  claimsIn?: 'id-token' | 'userinfo';
  groupsClaim?: string;
  users?: Record<string, Omit<IdpUser, 'password'>>;
  edition?: 'pro' | 'community';
}): Promise<SsoFixture> {
  const t = await createTestApp({
    dialect: options.dialect ?? 'sqlite',
    env: { ARCHNEST_EDITION: options.edition ?? 'pro' },
  });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const base = `http://127.0.0.1:${address.port}`;
  const users = Object.fromEntries(
    Object.entries(options.users ?? {}).map(([login, u]) => [login, { ...u, password: IDP_PASSWORD }]),
  );
  const idp = await startOidcProvider({
    redirectUris: [`${base}/api/auth/sso/callback`],
    claimsIn: options.claimsIn ?? 'id-token',
    ...(options.groupsClaim ? { groupsClaim: options.groupsClaim } : {}),
    users,
  });
  const adminCookie = await setupAdmin(t.app);
  return {
    t,
    idp,
    base,
    adminCookie,
    browser: () => new TestBrowser(idp.caPem),
    async configure(changes = {}) {
      const response = await t.app.inject({
        method: 'PUT',
        url: '/api/admin/sso/settings',
        headers: { cookie: adminCookie },
        payload: {
          enabled: true,
          issuer: idp.issuer,
          clientId: idp.clientId,
          clientSecret: idp.clientSecret,
          caPem: idp.caPem,
          buttonLabel: 'Test IdP',
          autoProvision: true,
          ...(options.groupsClaim ? { groupsClaim: options.groupsClaim } : {}),
          ...changes,
        },
      });
      if (response.statusCode !== 200) throw new Error(`configure: ${response.statusCode} ${response.body}`);
    },
    async close() {
      await t.close();
      await idp.stop();
    },
  };
}
