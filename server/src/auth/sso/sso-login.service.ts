import { randomBytes } from 'node:crypto';
import * as oidc from 'openid-client';
import type { SsoPendingLink, SsoStatus, SsoTestResult } from '@archnest/contract';
import type { Clock } from '../../clock';
import { AppError } from '../../http/app-error';
import type { RequestMeta, UserRow } from '../auth-context';
import type { LoginAuditRepo } from '../login-audit.repo';
import { verifyPassword } from '../passwords';
import type { SessionService } from '../session.service';
import { hashSessionToken } from '../session-token';
import type { OidcClients } from './oidc-client';
import type { SsoAccounts } from './sso-accounts';
import { displayName, groupAllowed, groupsOf, mappedRole, mergeClaims, wantedUsername } from './sso-claims';
import { SsoRefusal } from './sso-refusal';
import { ssoReady, type SsoSettingsService } from './sso-settings.service';
import type { SsoRepo } from './sso.repo';

export const SSO_LOGIN_TTL_MS = 10 * 60_000;
export const SSO_LINK_TTL_MS = 10 * 60_000;
const MAX_LINK_ATTEMPTS = 5;

export type CallbackOutcome =
  { kind: 'signed-in'; user: UserRow; token: string } | { kind: 'link'; linkToken: string };

const newToken = () => randomBytes(32).toString('base64url');

/** True when openid-client refused the ID token because its nonce differs from ours. */
function isNonceError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const cause = (e as { cause?: unknown }).cause;
    if ((cause as { claim?: unknown } | undefined)?.claim === 'nonce') return true;
    if (e instanceof Error && /\bnonce\b/i.test(e.message)) return true;
    e = cause;
  }
  return false;
}

/** The browser side of OIDC: start, callback (code exchange, claims, account), and linking. */
export class SsoLoginService {
  constructor(
    private readonly settings: SsoSettingsService,
    private readonly clients: OidcClients,
    private readonly repo: SsoRepo,
    private readonly accounts: SsoAccounts,
    private readonly sessions: SessionService,
    private readonly loginAudit: LoginAuditRepo,
    private readonly clock: Clock,
  ) {}

  /** The button to offer; a secret that no longer opens (another instance key) offers none. */
  async status(): Promise<SsoStatus> {
    const s = await this.settings.effective().catch(() => null);
    return s && ssoReady(s) ? { label: s.buttonLabel } : null;
  }

  /** Fetches the discovery document with the current settings (the settings page's "Test"). */
  async test(): Promise<SsoTestResult> {
    const settings = await this.settings.effective();
    if (!settings.issuer || !settings.clientId) {
      return {
        ok: false,
        message: 'Set the issuer URL and the client id first.',
        authorizationEndpoint: null,
      };
    }
    this.clients.forget();
    try {
      const config = await this.clients.configuration(settings);
      const metadata = config.serverMetadata();
      return {
        ok: true,
        message: `Reached ${metadata.issuer}.`,
        authorizationEndpoint: metadata.authorization_endpoint ?? null,
      };
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      const detail = [error, cause]
        .filter((e): e is Error => e instanceof Error)
        .map((e) => e.message)
        .join(': ');
      return { ok: false, message: `Discovery failed: ${detail}`, authorizationEndpoint: null };
    }
  }

  /** Returns the provider URL to redirect to and the token of the browser's single-use cookie. */
  async start(redirectUri: string): Promise<{ url: string; cookieToken: string }> {
    const settings = await this.settings.effective().catch(() => null);
    if (!settings || !ssoReady(settings)) throw new SsoRefusal('not_configured');
    const config = await this.clients.configuration(settings).catch((error: unknown) => {
      throw new SsoRefusal('provider_error', null, null, String(error));
    });
    const now = this.clock.now();
    await this.repo.deleteExpired(now.toISOString());
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const cookieToken = newToken();
    await this.repo.insertLogin({
      id_hash: hashSessionToken(cookieToken),
      state,
      nonce,
      code_verifier: codeVerifier,
      redirect_uri: redirectUri,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SSO_LOGIN_TTL_MS).toISOString(),
    });
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: settings.scopes,
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, cookieToken };
  }

  /** Runs the callback; every refusal is audited (method `sso`) and thrown as an SsoRefusal. */
  async callback(
    cookieToken: string | undefined,
    query: URLSearchParams,
    meta: RequestMeta,
  ): Promise<CallbackOutcome> {
    try {
      return await this.complete(cookieToken, query, meta);
    } catch (error) {
      const refusal = error instanceof SsoRefusal ? error : new SsoRefusal('token_failed');
      await this.audit(meta, refusal.username ?? '(unknown)', refusal.userId, false, refusal.code);
      throw refusal;
    }
  }

  private async complete(
    cookieToken: string | undefined,
    query: URLSearchParams,
    meta: RequestMeta,
  ): Promise<CallbackOutcome> {
    const row = cookieToken ? await this.repo.takeLogin(hashSessionToken(cookieToken)) : undefined;
    if (query.has('error')) {
      throw new SsoRefusal(query.get('error') === 'access_denied' ? 'access_denied' : 'provider_error');
    }
    if (!cookieToken) throw new SsoRefusal('state_missing');
    if (!row || new Date(row.expires_at) <= this.clock.now()) throw new SsoRefusal('expired');
    if (query.get('state') !== row.state) throw new SsoRefusal('state_mismatch');

    const settings = await this.settings.effective();
    if (!ssoReady(settings)) throw new SsoRefusal('not_configured');
    const config = await this.clients.configuration(settings).catch(() => {
      throw new SsoRefusal('provider_error');
    });
    const currentUrl = new URL(row.redirect_uri);
    currentUrl.search = query.toString();
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(
        config,
        currentUrl,
        {
          pkceCodeVerifier: row.code_verifier,
          expectedState: row.state,
          expectedNonce: row.nonce,
          idTokenExpected: true,
        },
        { redirect_uri: row.redirect_uri },
      );
    } catch (error) {
      throw new SsoRefusal(
        isNonceError(error) ? 'nonce_mismatch' : 'token_failed',
        null,
        null,
        String(error),
      );
    }
    const idClaims = tokens.claims();
    if (!idClaims?.sub) throw new SsoRefusal('no_subject');
    let userinfo: Record<string, unknown> | null = null;
    if (config.serverMetadata().userinfo_endpoint) {
      userinfo = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub).catch(() => {
        throw new SsoRefusal('token_failed', displayName(idClaims, idClaims.sub));
      });
    }
    const claims = mergeClaims(idClaims, userinfo);
    const identity = { issuer: idClaims.iss, subject: idClaims.sub };
    const name = displayName(claims, identity.subject);
    const groups = groupsOf(claims, settings.groupsClaim);
    const role = mappedRole(settings, groups);
    const actor = { id: null, name, ip: meta.ip };

    const linked = await this.repo.findIdentity(identity.issuer, identity.subject);
    const linkedUser = linked ? await this.accounts.findUser(linked.user_id) : undefined;
    if (!groupAllowed(settings, groups)) {
      throw new SsoRefusal('group_not_allowed', linkedUser?.username ?? name, linkedUser?.id ?? null);
    }
    if (linkedUser) {
      if (linkedUser.active !== 1)
        throw new SsoRefusal('account_disabled', linkedUser.username, linkedUser.id);
      const user = await this.accounts.applyRole(linkedUser, role, actor);
      await this.repo.touchIdentity(identity.issuer, identity.subject, this.clock.now().toISOString());
      return { kind: 'signed-in', user, token: await this.signIn(user, meta, 'ok') };
    }

    const username = wantedUsername(claims);
    const local = username ? await this.accounts.findByUsername(username) : undefined;
    if (local) {
      if (local.active !== 1) throw new SsoRefusal('account_disabled', local.username, local.id);
      const linkToken = newToken();
      await this.repo.insertPendingLink({
        id_hash: hashSessionToken(linkToken),
        user_id: local.id,
        issuer: identity.issuer,
        subject: identity.subject,
        role,
        attempts: 0,
        expires_at: new Date(this.clock.now().getTime() + SSO_LINK_TTL_MS).toISOString(),
      });
      await this.audit(meta, local.username, local.id, false, 'link_required');
      return { kind: 'link', linkToken };
    }
    if (!settings.autoProvision) throw new SsoRefusal('no_account', name);
    if (!username) throw new SsoRefusal('username_unusable', name);
    const user = await this.accounts.provision(identity, username, role ?? 'member', actor);
    return { kind: 'signed-in', user, token: await this.signIn(user, meta, 'provisioned') };
  }

  async pendingLink(linkToken: string | undefined): Promise<SsoPendingLink> {
    const row = linkToken ? await this.repo.findPendingLink(hashSessionToken(linkToken)) : undefined;
    const user =
      row && new Date(row.expires_at) > this.clock.now()
        ? await this.accounts.findUser(row.user_id)
        : undefined;
    if (!row || !user) throw linkMissing();
    return { username: user.username, expiresAt: row.expires_at };
  }

  /** The local account's password, once, links the provider identity to it and signs in. */
  async completeLink(
    linkToken: string | undefined,
    password: string,
    meta: RequestMeta,
  ): Promise<{ user: UserRow; token: string }> {
    const idHash = linkToken ? hashSessionToken(linkToken) : '';
    const row = idHash ? await this.repo.findPendingLink(idHash) : undefined;
    const user =
      row && new Date(row.expires_at) > this.clock.now()
        ? await this.accounts.findUser(row.user_id)
        : undefined;
    if (!row || !user) throw linkMissing();
    if (!(await verifyPassword(user.password_hash, password))) {
      const attempts = await this.repo.countLinkAttempt(idHash);
      if (attempts >= MAX_LINK_ATTEMPTS) await this.repo.takePendingLink(idHash);
      await this.audit(meta, user.username, user.id, false, 'link_wrong_password');
      throw new AppError(401, 'invalid_credentials', 'That is not the password of this account.');
    }
    if (user.active !== 1) {
      await this.audit(meta, user.username, user.id, false, 'account_disabled');
      throw new AppError(
        403,
        'account_disabled',
        'This account is disabled. Ask an administrator to enable it.',
      );
    }
    // Taking the row is the single use: a second request with the same cookie finds nothing.
    if (!(await this.repo.takePendingLink(idHash))) throw linkMissing();
    const actor = { id: user.id, name: user.username, ip: meta.ip };
    await this.accounts.link({ issuer: row.issuer, subject: row.subject }, user, actor);
    const updated = await this.accounts.applyRole(user, row.role, actor);
    return { user: updated, token: await this.signIn(updated, meta, 'linked') };
  }

  private async signIn(user: UserRow, meta: RequestMeta, reason: string): Promise<string> {
    await this.audit(meta, user.username, user.id, true, reason);
    return (await this.sessions.create(user, meta)).token;
  }

  private async audit(
    meta: RequestMeta,
    username: string,
    userId: string | null,
    success: boolean,
    reason: string,
  ): Promise<void> {
    await this.loginAudit.insert({
      at: this.clock.now().toISOString(),
      user_id: userId,
      username: username.slice(0, 64),
      ip: meta.ip,
      user_agent: meta.userAgent.slice(0, 512),
      success: success ? 1 : 0,
      reason,
      method: 'sso',
    });
  }
}

const linkMissing = () =>
  new AppError(
    404,
    'sso_link_missing',
    'There is no sign-in waiting to be linked, or it expired. Sign in with the provider again.',
  );
