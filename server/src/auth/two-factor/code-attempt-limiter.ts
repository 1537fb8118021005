import type { Clock } from '../../clock';
import { AppError } from '../../http/app-error';
import { LoginRateLimiter, type RateLimitRule } from '../login-rate-limiter';

export interface CodeAttemptLimits {
  /** Per pending login (or per session for signed-in checks). */
  perAttemptScope: RateLimitRule;
  perUser: RateLimitRule;
}

export const defaultCodeAttemptLimits: CodeAttemptLimits = {
  perAttemptScope: { maxFailures: 5, windowMs: 10 * 60_000 },
  perUser: { maxFailures: 10, windowMs: 15 * 60_000 },
};

/**
 * The one place two-factor code checks touch the login rate limiter. A try is counted as a failure
 * *before* the code is checked (no await between the check and the count), so parallel wrong codes
 * cannot slip past the limit; a right code then clears the user's counter.
 */
export class CodeAttemptLimiter {
  private readonly limiter: LoginRateLimiter;

  constructor(clock: Clock, limits: CodeAttemptLimits = defaultCodeAttemptLimits) {
    this.limiter = new LoginRateLimiter(clock, {
      perIp: limits.perAttemptScope,
      perUsername: limits.perUser,
    });
  }

  /** Throws 429 `rate_limited` when either counter is full; otherwise counts this try. */
  reserve(scope: string, userId: string): void {
    const wait = this.limiter.retryAfterSeconds(scope, userId);
    if (wait > 0) {
      throw new AppError(429, 'rate_limited', `Too many wrong codes. Try again in ${wait} seconds.`, {
        'retry-after': String(wait),
      });
    }
    this.limiter.recordFailure(scope, userId);
  }

  succeeded(userId: string): void {
    this.limiter.recordSuccess(userId);
  }
}
