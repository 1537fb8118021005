import { randomUUID } from 'node:crypto';
import {
  passwordProblems,
  type ChangePasswordBody,
  type LoginAuditEntry,
  type LoginBody,
  type SessionInfo,
  type SetupBody,
} from '@archnest/contract';
import type { Clock } from '../clock';
import { AppError, notFound } from '../http/app-error';
import type { AuditService } from '../modules/audit/audit.service';
import { usernameKey, type UsersRepo } from '../modules/users/users.repo';
import type { Mutex } from '../util/mutex';
import type { AuthContext, RequestMeta, UserRow } from './auth-context';
import type { LoginAuditService } from './login-audit.service';
import type { Attempt, AttemptKey, LoginRateLimiter } from './login-rate-limiter';
import { hashPassword, type PasswordVerifier } from './passwords';
import type { SessionService } from './session.service';

export interface SignedIn {
  user: UserRow;
  token: string;
}

/** The password was right; the second factor is awaited under this pending-login token. */
export interface PendingSecondFactor {
  pendingToken: string;
}

/** The two-factor step of login (`two-factor/two-factor-login.service.ts`). */
export interface SecondFactorGate {
  afterPassword(
    user: UserRow,
    totp: string | undefined,
    meta: RequestMeta,
  ): Promise<{ kind: 'not_needed' } | { kind: 'pending'; token: string }>;
}

export function assertStrongPassword(password: string, username: string): void {
  const problems = passwordProblems(password, username);
  if (problems.length)
    throw new AppError(400, 'weak_password', `Choose a stronger password: ${problems.join(' ')}`);
}

export class AuthService {
  constructor(
    private readonly users: UsersRepo,
    private readonly sessions: SessionService,
    private readonly loginAudit: LoginAuditService,
    private readonly audit: AuditService,
    private readonly limiter: Pick<LoginRateLimiter, 'reserve'>,
    private readonly accountLock: Mutex,
    private readonly clock: Clock,
    private readonly passwords: PasswordVerifier,
    private readonly secondFactor?: SecondFactorGate,
  ) {}

  async setupRequired(): Promise<boolean> {
    return (await this.users.count()) === 0;
  }

  async setup(body: SetupBody, meta: RequestMeta): Promise<SignedIn> {
    assertStrongPassword(body.password, body.username);
    const passwordHash = await hashPassword(body.password);
    const user = await this.accountLock.run(async () => {
      if (!(await this.setupRequired())) {
        throw new AppError(409, 'setup_done', 'ArchNest is already set up; sign in instead.');
      }
      const now = this.clock.now().toISOString();
      const row: UserRow = {
        id: randomUUID(),
        username: body.username,
        username_key: usernameKey(body.username),
        password_hash: passwordHash,
        role: 'admin',
        active: 1,
        created_at: now,
        updated_at: now,
      };
      await this.users.insert(row);
      return row;
    });
    await this.audit.record(
      { id: user.id, name: user.username, ip: meta.ip },
      { action: 'setup.admin_created', targetType: 'user', targetId: user.id, targetName: user.username },
    );
    await this.writeLoginAudit(user.username, user.id, meta, true, 'ok');
    const { token } = await this.sessions.create(user, meta);
    return { user, token };
  }

  async login(body: LoginBody, meta: RequestMeta): Promise<SignedIn | PendingSecondFactor> {
    const attempt = await this.reserve({ ip: meta.ip, account: usernameKey(body.username) }, () =>
      this.writeLoginAudit(body.username, null, meta, false, 'rate_limited'),
    );
    try {
      const user = await this.users.findByUsername(body.username);
      if (!user) {
        await this.passwords.burn(body.password);
        attempt.fail();
        return await this.refuse(body.username, null, meta, 'unknown_user');
      }
      if (!(await this.passwords.verify(user.password_hash, body.password))) {
        attempt.fail();
        return await this.refuse(user.username, user.id, meta, 'wrong_password');
      }
      attempt.release();
      // Only someone who knows the password learns that the account is disabled.
      if (user.active !== 1) {
        await this.writeLoginAudit(user.username, user.id, meta, false, 'account_disabled');
        throw new AppError(
          403,
          'account_disabled',
          'This account is disabled. Ask an administrator to enable it.',
        );
      }
      const second = await this.secondFactor?.afterPassword(user, body.totp, meta);
      if (second?.kind === 'pending') return { pendingToken: second.token };
      await this.writeLoginAudit(user.username, user.id, meta, true, 'ok');
      const { token } = await this.sessions.create(user, meta);
      return { user, token };
    } finally {
      attempt.fail(); // no-op once settled; an unexpected error counts as a failed guess
    }
  }

  async logout(auth: AuthContext): Promise<void> {
    await this.sessions.end(auth.session, 'logout');
  }

  async changePassword(auth: AuthContext, body: ChangePasswordBody, meta: RequestMeta): Promise<void> {
    const attempt = await this.reserve({ ip: meta.ip, account: `password-change:${auth.user.id}` });
    try {
      if (!(await this.passwords.verify(auth.user.password_hash, body.currentPassword))) {
        attempt.fail();
        throw new AppError(403, 'wrong_password', 'The current password is not correct.');
      }
    } finally {
      attempt.release(); // no-op after fail()
    }
    assertStrongPassword(body.newPassword, auth.user.username);
    if (body.newPassword === body.currentPassword) {
      throw new AppError(400, 'weak_password', 'Choose a password different from the current one.');
    }
    await this.users.update(auth.user.id, {
      password_hash: await hashPassword(body.newPassword),
      updated_at: this.clock.now().toISOString(),
    });
    const ended = await this.sessions.endAllForUser(auth.user.id, 'revoked', auth.session.id);
    await this.audit.record(
      { id: auth.user.id, name: auth.user.username, ip: meta.ip },
      {
        action: 'auth.password_changed',
        targetType: 'user',
        targetId: auth.user.id,
        targetName: auth.user.username,
        detail: { endedSessions: ended },
      },
    );
  }

  async listSessions(auth: AuthContext): Promise<SessionInfo[]> {
    const rows = await this.sessions.listForUser(auth.user.id);
    return rows.map((s) => ({
      id: s.id,
      current: s.id === auth.session.id,
      createdAt: s.created_at,
      lastSeenAt: s.last_seen_at,
      ip: s.ip,
      userAgent: s.user_agent,
    }));
  }

  async endSession(auth: AuthContext, sessionId: string): Promise<void> {
    const session = await this.sessions.findById(sessionId);
    // Another user's session id answers exactly like an unknown one.
    if (!session || session.user_id !== auth.user.id) throw notFound('Session');
    await this.sessions.end(session, sessionId === auth.session.id ? 'logout' : 'revoked');
  }

  /** Takes a guess slot or answers 429 `rate_limited` with Retry-After (after `onRefused`). */
  private async reserve(key: AttemptKey, onRefused?: () => Promise<void>): Promise<Attempt> {
    const reserved = await this.limiter.reserve(key);
    if (reserved.ok) return reserved.attempt;
    await onRefused?.();
    const wait = reserved.retryAfterSeconds;
    throw new AppError(429, 'rate_limited', `Too many failed attempts. Try again in ${wait} seconds.`, {
      'retry-after': String(wait),
    });
  }

  ownLoginAudit(auth: AuthContext, limit: number): Promise<LoginAuditEntry[]> {
    return this.loginAudit.listForUser(auth.user.id, limit);
  }

  allLoginAudit(limit: number): Promise<LoginAuditEntry[]> {
    return this.loginAudit.listAll(limit);
  }

  private async refuse(
    username: string,
    userId: string | null,
    meta: RequestMeta,
    reason: string,
  ): Promise<never> {
    await this.writeLoginAudit(username, userId, meta, false, reason);
    throw new AppError(401, 'invalid_credentials', 'Wrong username or password.');
  }

  private writeLoginAudit(
    username: string,
    userId: string | null,
    meta: RequestMeta,
    success: boolean,
    reason: string,
  ): Promise<void> {
    return this.loginAudit.record({ username, userId, meta, success, reason });
  }
}
