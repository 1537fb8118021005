import { isIPv6 } from 'node:net';
import type { Clock } from '../clock';

/** Who is trying: the client address and the account the secret is checked against. */
export interface AttemptKey {
  ip: string;
  /** The account being guessed, in a namespace of the caller's choosing (`usernameKey(name)`, `totp:<id>`…). */
  account: string;
}

/** A reserved attempt: settle it exactly once (later calls are ignored). */
export interface Attempt {
  /** The secret was right (or the attempt was not a guess): frees the slot and clears this client's count. */
  release(): void;
  /** The secret was wrong: counts against the client, its address and the account. */
  fail(): void;
}

export type Reservation = { ok: true; attempt: Attempt } | { ok: false; retryAfterSeconds: number };

export interface LoginLimits {
  /** Per account and client address: after `maxFailures`, a lockout that doubles each time it recurs. */
  perClient: { maxFailures: number; windowMs: number; lockMs: number; maxLockMs: number };
  /** Per client address over all accounts (unknown usernames included). */
  perIp: { maxFailures: number; windowMs: number };
  /** Per account over all addresses: never a lock, only a delay before the check once past `freeFailures`. */
  perAccount: { freeFailures: number; windowMs: number; stepMs: number; maxDelayMs: number };
}

export const defaultLoginLimits: LoginLimits = {
  perClient: { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000, maxLockMs: 24 * 3_600_000 },
  perIp: { maxFailures: 20, windowMs: 15 * 60_000 },
  perAccount: { freeFailures: 10, windowMs: 15 * 60_000, stepMs: 250, maxDelayMs: 2_000 },
};

interface Counter {
  failures: number;
  /** Attempts reserved and not yet settled: they count as failures until they settle. */
  inFlight: number;
  windowEnd: number;
  lockedUntil: number;
  lockouts: number;
}

const PRUNE_ABOVE = 50_000;
const PRUNE_EVERY_MS = 10_000;

/**
 * The address a limit is kept for. An IPv6 client usually holds a whole /64 and can rotate through
 * it, so IPv6 addresses count by their /64; IPv4-mapped addresses count as the IPv4 address.
 */
export function limitAddress(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = ip.includes('::')
    ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * Limits guesses of a secret (password, later one-time codes). `reserve()` checks and takes a slot in
 * one synchronous step before any hashing runs, so parallel requests cannot all pass the check and
 * then all verify. In memory: ArchNest is one process; a restart forgetting the counters costs an
 * attacker a restart they cannot cause.
 */
export class LoginRateLimiter {
  private readonly clients = new Map<string, Counter>();
  private readonly ips = new Map<string, Counter>();
  private readonly accounts = new Map<string, Counter>();
  private lastPrune = 0;

  constructor(
    private readonly clock: Clock,
    private readonly limits: LoginLimits = defaultLoginLimits,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  async reserve(key: AttemptKey): Promise<Reservation> {
    const now = this.clock.now().getTime();
    const address = limitAddress(key.ip);
    const clientKey = `${key.account}\n${address}`;
    const client = this.counter(this.clients, clientKey, this.limits.perClient.windowMs, now);
    const ip = this.counter(this.ips, address, this.limits.perIp.windowMs, now);
    const account = this.counter(this.accounts, key.account, this.limits.perAccount.windowMs, now);

    const wait = Math.max(
      client.lockedUntil > now ? client.lockedUntil - now : 0,
      client.failures + client.inFlight >= this.limits.perClient.maxFailures ? client.windowEnd - now : 0,
      ip.failures + ip.inFlight >= this.limits.perIp.maxFailures ? ip.windowEnd - now : 0,
    );
    if (wait > 0) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000)) };

    client.inFlight += 1;
    ip.inFlight += 1;
    const over = account.failures - this.limits.perAccount.freeFailures;
    const delay =
      over > 0
        ? Math.min(this.limits.perAccount.maxDelayMs, this.limits.perAccount.stepMs * 2 ** (over - 1))
        : 0;
    const size = this.clients.size + this.ips.size + this.accounts.size;
    if (size > PRUNE_ABOVE && now - this.lastPrune > PRUNE_EVERY_MS) this.prune(now);

    let settled = false;
    const settle = (failed: boolean) => {
      if (settled) return;
      settled = true;
      client.inFlight -= 1;
      ip.inFlight -= 1;
      const at = this.clock.now().getTime();
      if (!failed) {
        if (client.inFlight === 0) this.clients.delete(clientKey);
        else Object.assign(client, { failures: 0, lockouts: 0, lockedUntil: 0 });
        return;
      }
      ip.failures += 1;
      this.counter(this.accounts, key.account, this.limits.perAccount.windowMs, at).failures += 1;
      client.failures += 1;
      if (client.failures >= this.limits.perClient.maxFailures) {
        const rule = this.limits.perClient;
        const lockMs = Math.min(rule.maxLockMs, rule.lockMs * 2 ** client.lockouts);
        client.lockouts += 1;
        client.lockedUntil = at + lockMs;
        client.failures = 0;
        // The lockout history outlives the window so a returning guesser meets a longer lock.
        client.windowEnd = at + lockMs + rule.maxLockMs;
      }
    };
    if (delay > 0) await this.sleep(delay);
    return { ok: true, attempt: { release: () => settle(false), fail: () => settle(true) } };
  }

  private counter(map: Map<string, Counter>, key: string, windowMs: number, now: number): Counter {
    let c = map.get(key);
    if (c && c.windowEnd <= now && c.inFlight === 0 && c.lockedUntil <= now) {
      map.delete(key);
      c = undefined;
    }
    if (c && c.windowEnd <= now) {
      c.failures = 0;
      c.windowEnd = now + windowMs;
    }
    if (!c) {
      c = { failures: 0, inFlight: 0, windowEnd: now + windowMs, lockedUntil: 0, lockouts: 0 };
      map.set(key, c);
    }
    return c;
  }

  private prune(now: number): void {
    this.lastPrune = now;
    for (const map of [this.clients, this.ips, this.accounts]) {
      for (const [key, c] of map) {
        if (c.windowEnd <= now && c.inFlight === 0 && c.lockedUntil <= now) map.delete(key);
      }
    }
  }
}
