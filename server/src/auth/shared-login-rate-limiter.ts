import type { Clock } from '../clock';
import type { LimitRow, LoginLimitsRepo } from './login-limits.repo';
import {
  defaultLoginLimits,
  limitAddress,
  type AttemptKey,
  type LoginLimits,
  type Reservation,
} from './login-rate-limiter';

const PRUNE_EVERY_MS = 60_000;

/**
 * The sign-in limiter of `login-rate-limiter.ts` with its counters in PostgreSQL, so the limits hold
 * across every replica: the check and the slot it takes are one transaction with the rows locked, so
 * parallel guesses on different replicas cannot all pass. A slot a crashed replica never settled counts
 * until its window ends.
 */
export class SharedLoginRateLimiter {
  private lastPrune = 0;

  constructor(
    private readonly repo: LoginLimitsRepo,
    private readonly clock: Clock,
    private readonly limits: LoginLimits = defaultLoginLimits,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  async reserve(key: AttemptKey): Promise<Reservation> {
    const now = this.clock.now().getTime();
    const address = limitAddress(key.ip);
    const keys = {
      client: `client:${key.account}\n${address}`,
      ip: `ip:${address}`,
      account: `account:${key.account}`,
    };
    if (now - this.lastPrune > PRUNE_EVERY_MS) {
      this.lastPrune = now;
      await this.repo.prune(now);
    }
    const decided = await this.repo.change(Object.values(keys), (rows) => {
      const client = this.fresh(rows.get(keys.client)!, this.limits.perClient.windowMs, now);
      const ip = this.fresh(rows.get(keys.ip)!, this.limits.perIp.windowMs, now);
      const account = this.fresh(rows.get(keys.account)!, this.limits.perAccount.windowMs, now);
      const wait = Math.max(
        client.locked_until > now ? client.locked_until - now : 0,
        client.failures + client.in_flight >= this.limits.perClient.maxFailures ? client.window_end - now : 0,
        ip.failures + ip.in_flight >= this.limits.perIp.maxFailures ? ip.window_end - now : 0,
      );
      if (wait > 0) return { wait, delay: 0 };
      client.in_flight += 1;
      ip.in_flight += 1;
      const over = account.failures - this.limits.perAccount.freeFailures;
      const rule = this.limits.perAccount;
      return { wait: 0, delay: over > 0 ? Math.min(rule.maxDelayMs, rule.stepMs * 2 ** (over - 1)) : 0 };
    });
    if (decided.wait > 0)
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(decided.wait / 1000)) };

    let settled = false;
    const settle = (failed: boolean) => {
      if (settled) return;
      settled = true;
      this.settle(keys, failed).catch(() => undefined);
    };
    if (decided.delay > 0) await this.sleep(decided.delay);
    return { ok: true, attempt: { release: () => settle(false), fail: () => settle(true) } };
  }

  private async settle(
    keys: { client: string; ip: string; account: string },
    failed: boolean,
  ): Promise<void> {
    const at = this.clock.now().getTime();
    await this.repo.change(Object.values(keys), (rows) => {
      const client = rows.get(keys.client)!;
      const ip = rows.get(keys.ip)!;
      client.in_flight = Math.max(0, client.in_flight - 1);
      ip.in_flight = Math.max(0, ip.in_flight - 1);
      if (!failed) {
        Object.assign(client, { failures: 0, lockouts: 0, locked_until: 0 });
        return;
      }
      ip.failures += 1;
      this.fresh(rows.get(keys.account)!, this.limits.perAccount.windowMs, at).failures += 1;
      client.failures += 1;
      if (client.failures >= this.limits.perClient.maxFailures) {
        const rule = this.limits.perClient;
        const lockMs = Math.min(rule.maxLockMs, rule.lockMs * 2 ** client.lockouts);
        client.lockouts += 1;
        client.locked_until = at + lockMs;
        client.failures = 0;
        // The lockout history outlives the window so a returning guesser meets a longer lock.
        client.window_end = at + lockMs + rule.maxLockMs;
      }
    });
  }

  /** A counter whose window is over starts a new one (and forgets slots nobody settled). */
  private fresh(row: LimitRow, windowMs: number, now: number): LimitRow {
    if (row.window_end <= now) {
      row.failures = 0;
      row.in_flight = 0;
      row.window_end = now + windowMs;
      if (row.locked_until <= now) row.lockouts = 0;
    }
    return row;
  }
}
