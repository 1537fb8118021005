import { randomUUID } from 'node:crypto';
import type { SecondFactorBody } from '@archnest/contract';
import type { Clock } from '../../clock';
import { AppError } from '../../http/app-error';
import type { UsersRepo } from '../../modules/users/users.repo';
import type { RequestMeta, UserRow } from '../auth-context';
import type { SignedIn } from '../auth.service';
import type { LoginAuditRepo } from '../login-audit.repo';
import { hashSessionToken, newSessionToken } from '../session-token';
import type { SessionService } from '../session.service';
import type { PendingLoginsRepo } from './pending-logins.repo';
import { codeRefusalMessage, type SecondFactorCheck } from './second-factor-check';
import type { TwoFactorRepo, TwoFactorSecretRow } from './two-factor.repo';

/** What the password step continues with: nothing more, or a pending login awaiting the code. */
export type SecondFactorStep = { kind: 'not_needed' } | { kind: 'pending'; token: string };

export const PENDING_LOGIN_TTL_MS = 5 * 60_000;

const expired = () =>
  new AppError(
    401,
    'pending_login_expired',
    'This sign-in has expired. Enter your username and password again.',
  );

/**
 * The second step of signing in. A right password for an account with two-factor on yields a pending
 * login (a random token in a short-lived cookie, its SHA-256 in `pending_logins`), which is not a
 * session: the only thing it can do is be exchanged, once, for one with a right code.
 */
export class TwoFactorLoginService {
  constructor(
    private readonly repo: TwoFactorRepo,
    private readonly pending: PendingLoginsRepo,
    private readonly check: SecondFactorCheck,
    private readonly sessions: SessionService,
    private readonly users: UsersRepo,
    private readonly loginAudit: LoginAuditRepo,
    private readonly clock: Clock,
    private readonly pendingTtlMs = PENDING_LOGIN_TTL_MS,
  ) {}

  /** Called after a right password of an active account. A `totp` given along is checked at once. */
  async afterPassword(user: UserRow, totp: string | undefined, meta: RequestMeta): Promise<SecondFactorStep> {
    const row = await this.repo.findSecret(user.id);
    if (!row?.confirmed_at) return { kind: 'not_needed' };
    if (totp !== undefined) {
      await this.verifyOrRefuse(row, user, { code: totp.replace(/\s+/g, '') }, `login-ip:${meta.ip}`, meta);
      return { kind: 'not_needed' };
    }
    const now = this.clock.now();
    await this.pending.deleteExpired(now.toISOString());
    const token = newSessionToken();
    await this.pending.insert({
      id: randomUUID(),
      token_hash: hashSessionToken(token),
      user_id: user.id,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + this.pendingTtlMs).toISOString(),
      ip: meta.ip,
      user_agent: meta.userAgent.slice(0, 512),
    });
    await this.writeAudit(user, meta, false, 'two_factor_pending');
    return { kind: 'pending', token };
  }

  /** Exchanges a pending login and a right code for a session. */
  async complete(token: string | undefined, proof: SecondFactorBody, meta: RequestMeta): Promise<SignedIn> {
    if (!token || token.length > 128) throw expired();
    const pending = await this.pending.findByTokenHash(hashSessionToken(token));
    if (!pending) throw expired();
    const user = await this.users.findById(pending.user_id);
    if (!user) throw expired();
    if (new Date(pending.expires_at) <= this.clock.now()) {
      await this.pending.delete(pending.id);
      await this.writeAudit(user, meta, false, 'pending_login_expired');
      throw expired();
    }
    if (user.active !== 1) {
      await this.pending.delete(pending.id);
      await this.writeAudit(user, meta, false, 'account_disabled');
      throw new AppError(
        403,
        'account_disabled',
        'This account is disabled. Ask an administrator to enable it.',
      );
    }
    const row = await this.repo.findSecret(user.id);
    // Two-factor was reset while this sign-in waited: start over with the password.
    if (!row?.confirmed_at) {
      await this.pending.delete(pending.id);
      throw expired();
    }
    const method = await this.verifyOrRefuse(row, user, proof, `pending:${pending.id}`, meta);
    if (!(await this.pending.delete(pending.id))) throw expired();
    await this.writeAudit(user, meta, true, method === 'recovery_code' ? 'ok_recovery_code' : 'ok');
    const { token: sessionToken } = await this.sessions.create(user, meta);
    return { user, token: sessionToken };
  }

  private async verifyOrRefuse(
    row: TwoFactorSecretRow,
    user: UserRow,
    proof: SecondFactorBody,
    scope: string,
    meta: RequestMeta,
  ): Promise<'totp' | 'recovery_code'> {
    let result;
    try {
      result = await this.check.check(row, proof, scope);
    } catch (error) {
      if (error instanceof AppError && error.code === 'rate_limited')
        await this.writeAudit(user, meta, false, 'two_factor_rate_limited');
      throw error;
    }
    if (!result.ok) {
      await this.writeAudit(user, meta, false, result.reason);
      throw new AppError(401, 'invalid_two_factor_code', codeRefusalMessage(result.reason));
    }
    return result.method;
  }

  private async writeAudit(
    user: UserRow,
    meta: RequestMeta,
    success: boolean,
    reason: string,
  ): Promise<void> {
    await this.loginAudit.insert({
      at: this.clock.now().toISOString(),
      user_id: user.id,
      username: user.username.slice(0, 64),
      ip: meta.ip,
      user_agent: meta.userAgent.slice(0, 512),
      success: success ? 1 : 0,
      reason,
    });
  }
}
