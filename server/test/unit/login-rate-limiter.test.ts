import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock';
import {
  limitAddress,
  LoginRateLimiter,
  type LoginLimits,
  type Reservation,
} from '../../src/auth/login-rate-limiter';

const limits: LoginLimits = {
  perClient: { maxFailures: 2, windowMs: 30_000, lockMs: 30_000, maxLockMs: 100_000 },
  perIp: { maxFailures: 3, windowMs: 60_000 },
  perAccount: { freeFailures: 2, windowMs: 60_000, stepMs: 100, maxDelayMs: 250 },
};

function attempt(r: Reservation) {
  if (!r.ok) throw new Error(`refused for ${r.retryAfterSeconds}s`);
  return r.attempt;
}

describe('LoginRateLimiter', () => {
  it('counts reserved attempts before they settle, so parallel reservations cannot overshoot', async () => {
    const limiter = new LoginRateLimiter(new ManualClock(), limits, () => Promise.resolve());
    const all = await Promise.all(
      Array.from({ length: 10 }, () => limiter.reserve({ ip: 'ip1', account: 'alice' })),
    );
    expect(all.filter((r) => r.ok)).toHaveLength(2);
    // Releasing (a right password) frees the slots without counting a failure.
    all.forEach((r) => r.ok && r.attempt.release());
    expect((await limiter.reserve({ ip: 'ip1', account: 'alice' })).ok).toBe(true);
  });

  it('locks one client of an account, doubling the lock each time, while other addresses go on', async () => {
    const clock = new ManualClock();
    const wideIp = { ...limits, perIp: { maxFailures: 100, windowMs: 60_000 } };
    const limiter = new LoginRateLimiter(clock, wideIp, () => Promise.resolve());
    const key = { ip: 'attacker', account: 'admin' };
    attempt(await limiter.reserve(key)).fail();
    attempt(await limiter.reserve(key)).fail();
    expect(await limiter.reserve(key)).toEqual({ ok: false, retryAfterSeconds: 30 });
    expect((await limiter.reserve({ ip: 'owner', account: 'admin' })).ok).toBe(true);
    clock.advance(30_000);
    attempt(await limiter.reserve(key)).fail();
    attempt(await limiter.reserve(key)).fail();
    expect(await limiter.reserve(key)).toEqual({ ok: false, retryAfterSeconds: 60 });
    clock.advance(60_000);
    attempt(await limiter.reserve(key)).fail();
    attempt(await limiter.reserve(key)).fail();
    expect(await limiter.reserve(key)).toEqual({ ok: false, retryAfterSeconds: 100 }); // capped
  });

  it('limits an address over all accounts, and a success clears only that client', async () => {
    const limiter = new LoginRateLimiter(new ManualClock(), limits, () => Promise.resolve());
    attempt(await limiter.reserve({ ip: 'ip1', account: 'a' })).fail();
    attempt(await limiter.reserve({ ip: 'ip1', account: 'b' })).fail();
    attempt(await limiter.reserve({ ip: 'ip1', account: 'c' })).fail();
    expect(await limiter.reserve({ ip: 'ip1', account: 'd' })).toEqual({ ok: false, retryAfterSeconds: 60 });
    expect((await limiter.reserve({ ip: 'ip2', account: 'd' })).ok).toBe(true);
  });

  it('slows an account guessed from many addresses without ever refusing it', async () => {
    const delays: number[] = [];
    const limiter = new LoginRateLimiter(new ManualClock(), limits, (ms) => {
      delays.push(ms);
      return Promise.resolve();
    });
    for (let i = 0; i < 6; i++) attempt(await limiter.reserve({ ip: `ip${i}`, account: 'admin' })).fail();
    const owner = await limiter.reserve({ ip: 'owner', account: 'admin' });
    expect(owner.ok).toBe(true);
    expect(delays).toEqual([100, 200, 250, 250]);
  });

  it('settles once: a fail after a release counts nothing', async () => {
    const limiter = new LoginRateLimiter(new ManualClock(), limits, () => Promise.resolve());
    for (let i = 0; i < 5; i++) {
      const a = attempt(await limiter.reserve({ ip: 'ip1', account: 'alice' }));
      a.release();
      a.fail();
    }
    expect((await limiter.reserve({ ip: 'ip1', account: 'alice' })).ok).toBe(true);
  });
});

describe('limitAddress', () => {
  it('counts IPv6 by /64 and IPv4-mapped addresses as IPv4', () => {
    expect(limitAddress('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(limitAddress('2001:DB8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(limitAddress('2001:db8::5')).toBe('2001:db8:0:0::/64');
    expect(limitAddress('::1')).toBe('0:0:0:0::/64');
    expect(limitAddress('::ffff:192.0.2.7')).toBe('192.0.2.7');
    expect(limitAddress('192.0.2.7')).toBe('192.0.2.7');
  });

  it('a client rotating through its IPv6 /64 stays one client', async () => {
    const limiter = new LoginRateLimiter(new ManualClock(), limits, () => Promise.resolve());
    for (let i = 1; i <= 2; i++)
      attempt(await limiter.reserve({ ip: `2001:db8:1:2::${i}`, account: 'admin' })).fail();
    expect((await limiter.reserve({ ip: '2001:db8:1:2::99', account: 'admin' })).ok).toBe(false);
    expect((await limiter.reserve({ ip: '2001:db8:1:3::1', account: 'admin' })).ok).toBe(true);
  });
});
