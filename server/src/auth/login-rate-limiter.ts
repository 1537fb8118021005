import type { Clock } from '../clock';

export interface RateLimitRule {
  maxFailures: number;
  windowMs: number;
}

export const defaultLoginLimits = {
  perIp: { maxFailures: 20, windowMs: 15 * 60_000 },
  perUsername: { maxFailures: 5, windowMs: 15 * 60_000 },
} satisfies Record<string, RateLimitRule>;

interface Window {
  failures: number;
  resetAt: number;
}

/**
 * Counts failed logins per IP and per username in fixed windows. In memory: ArchNest is one
 * process, and a restart forgetting the counters costs an attacker a restart they cannot cause.
 */
export class LoginRateLimiter {
  private readonly byIp = new Map<string, Window>();
  private readonly byUsername = new Map<string, Window>();

  constructor(
    private readonly clock: Clock,
    private readonly limits: { perIp: RateLimitRule; perUsername: RateLimitRule } = defaultLoginLimits,
  ) {}

  /** Seconds until the caller may try again, or 0 when allowed. */
  retryAfterSeconds(ip: string, usernameKey: string): number {
    const now = this.clock.now().getTime();
    const waits = [
      this.wait(this.byIp, ip, this.limits.perIp, now),
      this.wait(this.byUsername, usernameKey, this.limits.perUsername, now),
    ];
    return Math.max(...waits);
  }

  recordFailure(ip: string, usernameKey: string): void {
    const now = this.clock.now().getTime();
    this.bump(this.byIp, ip, this.limits.perIp, now);
    this.bump(this.byUsername, usernameKey, this.limits.perUsername, now);
    if (this.byIp.size + this.byUsername.size > 100_000) this.prune(now);
  }

  recordSuccess(usernameKey: string): void {
    this.byUsername.delete(usernameKey);
  }

  private wait(map: Map<string, Window>, key: string, rule: RateLimitRule, now: number): number {
    const w = map.get(key);
    if (!w || w.resetAt <= now || w.failures < rule.maxFailures) return 0;
    return Math.ceil((w.resetAt - now) / 1000);
  }

  private bump(map: Map<string, Window>, key: string, rule: RateLimitRule, now: number): void {
    const w = map.get(key);
    if (!w || w.resetAt <= now) map.set(key, { failures: 1, resetAt: now + rule.windowMs });
    else w.failures += 1;
  }

  private prune(now: number): void {
    for (const map of [this.byIp, this.byUsername]) {
      for (const [key, w] of map) if (w.resetAt <= now) map.delete(key);
    }
  }
}
