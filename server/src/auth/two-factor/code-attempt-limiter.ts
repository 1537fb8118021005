import type { Clock } from '../../clock';
import { AppError } from '../../http/app-error';

export interface RateLimitRule {
  maxFailures: number;
  windowMs: number;
}

export interface CodeAttemptLimits {
  /** Per pending login (or per session for signed-in checks). */
  perAttemptScope: RateLimitRule;
  perUser: RateLimitRule;
}

export const defaultCodeAttemptLimits: CodeAttemptLimits = {
  perAttemptScope: { maxFailures: 5, windowMs: 10 * 60_000 },
  perUser: { maxFailures: 10, windowMs: 15 * 60_000 },
};

interface Window {
  count: number;
  endsAt: number;
}

const PRUNE_ABOVE = 10_000;

/**
 * Limits two-factor code tries, like passwords are limited. A try is counted *before* the code is
 * checked (no await between the check and the count), so parallel wrong codes cannot slip past the
 * limit; a right code then clears the user's counter. In memory, like the sign-in limiter.
 */
export class CodeAttemptLimiter {
  private readonly scopes = new Map<string, Window>();
  private readonly users = new Map<string, Window>();

  constructor(
    private readonly clock: Clock,
    private readonly limits: CodeAttemptLimits = defaultCodeAttemptLimits,
  ) {}

  /** Throws 429 `rate_limited` when either counter is full; otherwise counts this try. */
  reserve(scope: string, userId: string): void {
    const now = this.clock.now().getTime();
    const byScope = this.current(this.scopes, scope, this.limits.perAttemptScope, now);
    const byUser = this.current(this.users, userId, this.limits.perUser, now);
    const full = [
      [byScope, this.limits.perAttemptScope],
      [byUser, this.limits.perUser],
    ] as const;
    const wait = Math.max(
      0,
      ...full
        .filter(([w, rule]) => w.count >= rule.maxFailures)
        .map(([w]) => Math.ceil((w.endsAt - now) / 1000)),
    );
    if (wait > 0) {
      throw new AppError(429, 'rate_limited', `Too many wrong codes. Try again in ${wait} seconds.`, {
        'retry-after': String(wait),
      });
    }
    byScope.count++;
    byUser.count++;
  }

  succeeded(userId: string): void {
    this.users.delete(userId);
  }

  private current(map: Map<string, Window>, key: string, rule: RateLimitRule, now: number): Window {
    let window = map.get(key);
    if (!window || window.endsAt <= now) {
      if (map.size > PRUNE_ABOVE) for (const [k, w] of map) if (w.endsAt <= now) map.delete(k);
      window = { count: 0, endsAt: now + rule.windowMs };
      map.set(key, window);
    }
    return window;
  }
}
