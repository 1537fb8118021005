import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { AuthContext, RequestMeta, UserRow } from './auth-context';
import type { SessionEndReason, SessionEvents } from './session-events';
import { hashSessionToken, newSessionToken } from './session-token';
import type { SessionRow, SessionsRepo } from './sessions.repo';

export interface SessionPolicy {
  idleMs: number;
  maxMs: number;
}

/** Writing last_seen on every request would turn reads into writes; once a minute is precise enough. */
const TOUCH_INTERVAL_MS = 60_000;
const MAX_USER_AGENT = 512;

export class SessionService {
  constructor(
    private readonly repo: SessionsRepo,
    private readonly events: SessionEvents,
    private readonly clock: Clock,
    private readonly policy: SessionPolicy,
  ) {}

  async create(user: UserRow, meta: RequestMeta): Promise<{ token: string; session: SessionRow }> {
    const token = newSessionToken();
    const now = this.clock.now();
    const session: SessionRow = {
      id: randomUUID(),
      token_hash: hashSessionToken(token),
      user_id: user.id,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: this.expiry(now, now).toISOString(),
      ip: meta.ip,
      user_agent: meta.userAgent.slice(0, MAX_USER_AGENT),
    };
    await this.repo.insert(session);
    return { token, session };
  }

  /** Resolves a cookie token to a live session, or null. Checks the row every time: revocation is instant. */
  async authenticate(token: string): Promise<AuthContext | null> {
    if (!token || token.length > 128) return null;
    const found = await this.repo.findByTokenHash(hashSessionToken(token));
    if (!found) return null;
    const now = this.clock.now();
    if (new Date(found.session.expires_at) <= now) {
      await this.end(found.session, 'expired');
      return null;
    }
    if (found.user.active !== 1) {
      await this.end(found.session, 'user_disabled');
      return null;
    }
    if (now.getTime() - new Date(found.session.last_seen_at).getTime() >= TOUCH_INTERVAL_MS) {
      const expiresAt = this.expiry(new Date(found.session.created_at), now).toISOString();
      await this.repo.touch(found.session.id, now.toISOString(), expiresAt);
      found.session.last_seen_at = now.toISOString();
      found.session.expires_at = expiresAt;
    }
    return found;
  }

  listForUser(userId: string): Promise<SessionRow[]> {
    return this.repo.listByUser(userId);
  }

  findById(id: string): Promise<SessionRow | undefined> {
    return this.repo.findById(id);
  }

  async end(session: Pick<SessionRow, 'id' | 'user_id'>, reason: SessionEndReason): Promise<void> {
    if (await this.repo.deleteById(session.id)) {
      this.events.emitEnded({ sessionId: session.id, userId: session.user_id, reason });
    }
  }

  async endAllForUser(userId: string, reason: SessionEndReason, exceptSessionId?: string): Promise<number> {
    const ended = await this.repo.deleteByUser(userId, exceptSessionId);
    for (const sessionId of ended) this.events.emitEnded({ sessionId, userId, reason });
    return ended.length;
  }

  async sweepExpired(): Promise<number> {
    const ended = await this.repo.deleteExpired(this.clock.now().toISOString());
    for (const row of ended)
      this.events.emitEnded({ sessionId: row.id, userId: row.user_id, reason: 'expired' });
    return ended.length;
  }

  private expiry(createdAt: Date, lastSeen: Date): Date {
    return new Date(
      Math.min(createdAt.getTime() + this.policy.maxMs, lastSeen.getTime() + this.policy.idleMs),
    );
  }
}
