import type { LoginAuditEntry } from '@archnest/contract';
import type { Clock } from '../clock';
import { Mutex } from '../util/mutex';
import type { RequestMeta } from './auth-context';
import type { LoginAuditRepo } from './login-audit.repo';

export interface LoginAuditRetention {
  /** Rows older than this go. */
  maxAgeMs: number;
  /** At most this many rows stay, the newest. */
  maxRows: number;
}

export interface LoginAttempt {
  username: string;
  userId: string | null;
  meta: RequestMeta;
  success: boolean;
  reason: string;
}

/** Repeated refusals from one address for one username within this span share a row. */
const FOLD_WINDOW_MS = 15 * 60_000;
/** Retention is enforced every this many writes (fewer for a small cap), and by the periodic sweep. */
const PRUNE_EVERY_WRITES = 200;

/**
 * The login audit: one row per attempt, except that rate-limited attempts (the bulk of a flood) fold
 * into one row with a count, and the table is kept within an age and a row cap.
 */
export class LoginAuditService {
  private readonly writes = new Mutex();
  private writesSincePrune = 0;
  private readonly pruneEvery: number;

  constructor(
    private readonly repo: LoginAuditRepo,
    private readonly clock: Clock,
    private readonly retention: LoginAuditRetention,
  ) {
    this.pruneEvery = Math.max(1, Math.min(PRUNE_EVERY_WRITES, Math.floor(retention.maxRows / 100)));
  }

  record(attempt: LoginAttempt): Promise<void> {
    const at = this.clock.now();
    const username = attempt.username.slice(0, 64);
    // One writer at a time, so parallel refusals fold into one row instead of racing to insert.
    return this.writes.run(async () => {
      const folded =
        attempt.reason === 'rate_limited' &&
        (await this.repo.fold(
          username,
          attempt.meta.ip,
          attempt.reason,
          new Date(at.getTime() - FOLD_WINDOW_MS).toISOString(),
          at.toISOString(),
        ));
      if (!folded) {
        await this.repo.insert({
          at: at.toISOString(),
          user_id: attempt.userId,
          username,
          ip: attempt.meta.ip,
          user_agent: attempt.meta.userAgent.slice(0, 512),
          success: attempt.success ? 1 : 0,
          reason: attempt.reason,
        });
      }
      if (++this.writesSincePrune >= this.pruneEvery) await this.pruneNow();
    });
  }

  /** Applies retention now; the app's hourly sweep and every few hundred writes call it. */
  prune(): Promise<number> {
    return this.writes.run(() => this.pruneNow());
  }

  listForUser(userId: string, limit: number): Promise<LoginAuditEntry[]> {
    return this.repo.listForUser(userId, limit);
  }

  listAll(limit: number): Promise<LoginAuditEntry[]> {
    return this.repo.listAll(limit);
  }

  private pruneNow(): Promise<number> {
    this.writesSincePrune = 0;
    const before = new Date(this.clock.now().getTime() - this.retention.maxAgeMs).toISOString();
    return this.repo.prune(before, this.retention.maxRows);
  }
}
