import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
// @ts-expect-error oidc-provider ships no type declarations; the part used here is typed below.
import ProviderModule from 'oidc-provider';
import { makeCaIssuedCert } from './tls-certs';

interface InteractionDetails {
  uid: string;
  prompt: { name: string; details: Record<string, unknown> };
  params: Record<string, unknown>;
  grantId?: string;
  session?: { accountId?: string };
}

interface Grant {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  save(): Promise<string>;
}

interface ProviderInstance {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
  interactionFinished(
    req: IncomingMessage,
    res: ServerResponse,
    result: Record<string, unknown>,
    options?: { mergeWithLastSubmission?: boolean },
  ): Promise<void>;
  Grant: {
    new (init: { accountId: string; clientId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  };
  on(event: string, listener: (...args: unknown[]) => void): void;
}

const Provider = ProviderModule as new (
  issuer: string,
  configuration: Record<string, unknown>,
) => ProviderInstance;

/** A person the provider knows: its password for the provider's own login form, and its claims. */
export interface IdpUser {
  password: string;
  email?: string;
  name?: string;
  /** Omitted from the claims entirely when undefined. */
  groups?: string[];
}

export interface OidcProviderOptions {
  /** The relying party's callback URLs (ArchNest's `/api/auth/sso/callback`). */
  redirectUris: string[];
  /**
   * Where the profile claims travel: `id-token` puts e-mail and groups only in the ID token,
   * `userinfo` only in the userinfo response (the ID token then carries just `sub`).
   */
  claimsIn: 'id-token' | 'userinfo';
  /** Name of the groups claim (default `groups`). */
  groupsClaim?: string;
  users?: Record<string, IdpUser>;
}

export interface OidcProvider {
  /** `https://127.0.0.1:<port>`, served with a certificate from `caPem`. */
  issuer: string;
  caPem: string;
  clientId: string;
  clientSecret: string;
  /** Adds or changes a user (its groups take effect at its next sign-in). */
  setUser(login: string, user: IdpUser): void;
  /** Completed logins at the provider's form, per login. */
  logins(login: string): number;
  stop(): Promise<void>;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid: string, error: string | null): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Test IdP sign-in</title></head><body>
<h1>Test IdP</h1>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/interaction/${escapeHtml(uid)}">
<label>IdP username <input name="login" autocomplete="username" required></label>
<label>IdP password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Continue to ArchNest</button>
</form></body></html>`;
}

function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > 16_384) req.destroy();
    });
    req.on('end', () => resolve(new URLSearchParams(body)));
    req.on('error', reject);
  });
}

/**
 * A real OpenID Connect provider (oidc-provider 9) on 127.0.0.1 over HTTPS with a throwaway CA, with
 * one confidential client (client_secret_basic, PKCE required). Its login form checks the users'
 * passwords; consent is granted with the login, as for a first-party client.
 */
export async function startOidcProvider(options: OidcProviderOptions): Promise<OidcProvider> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-idp-'));
  const cert = makeCaIssuedCert(dir);
  const users = new Map(Object.entries(options.users ?? {}));
  const loginCounts = new Map<string, number>();
  const groupsClaim = options.groupsClaim ?? 'groups';
  const clientId = 'archnest';
  const clientSecret = randomBytes(24).toString('base64url');

  const server = https.createServer({ cert: cert.certPem, key: cert.keyPem });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the OIDC provider has no address');
  const issuer = `https://127.0.0.1:${address.port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    conformIdTokenClaims: false,
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'preferred_username'],
      groups: [groupsClaim],
    },
    ttl: {
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
      AccessToken: 600,
      IdToken: 600,
      AuthorizationCode: 60,
    },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    findAccount: (_ctx: unknown, sub: string) => {
      const user = users.get(sub);
      if (!user) return undefined;
      return {
        accountId: sub,
        claims: (use: 'id_token' | 'userinfo') => {
          const profile = {
            preferred_username: sub,
            ...(user.name ? { name: user.name } : {}),
            ...(user.email ? { email: user.email, email_verified: true } : {}),
            ...(user.groups ? { [groupsClaim]: user.groups } : {}),
          };
          const carries = options.claimsIn === 'id-token' ? use === 'id_token' : use === 'userinfo';
          return carries ? { sub, ...profile } : { sub };
        },
      };
    },
  });
  const oidcHandler = provider.callback();

  server.on('request', (req, res) => {
    const match = /^\/interaction\/([A-Za-z0-9_-]+)$/.exec(req.url ?? '');
    if (!match) {
      oidcHandler(req, res);
      return;
    }
    void (async () => {
      let details: InteractionDetails;
      try {
        details = await provider.interactionDetails(req, res);
      } catch {
        res.writeHead(400, { 'content-type': 'text/plain' }).end('unknown or expired interaction');
        return;
      }
      if (req.method !== 'POST') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(loginPage(details.uid, null));
        return;
      }
      const form = await readForm(req);
      const login = form.get('login') ?? '';
      const user = users.get(login);
      if (!user || user.password !== form.get('password')) {
        res
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end(loginPage(details.uid, 'Invalid username or password.'));
        return;
      }
      const grant = new provider.Grant({ accountId: login, clientId: String(details.params.client_id) });
      const scope = details.params.scope;
      grant.addOIDCScope(typeof scope === 'string' ? scope : 'openid');
      const grantId = await grant.save();
      loginCounts.set(login, (loginCounts.get(login) ?? 0) + 1);
      await provider.interactionFinished(
        req,
        res,
        { login: { accountId: login }, consent: { grantId } },
        { mergeWithLastSubmission: false },
      );
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    });
  });

  return {
    issuer,
    caPem: cert.caPem!,
    clientId,
    clientSecret,
    setUser: (login, user) => users.set(login, user),
    logins: (login) => loginCounts.get(login) ?? 0,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
