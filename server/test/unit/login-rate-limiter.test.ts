import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock';
import { LoginRateLimiter } from '../../src/auth/login-rate-limiter';

describe('LoginRateLimiter', () => {
  const rules = {
    perIp: { maxFailures: 3, windowMs: 60_000 },
    perUsername: { maxFailures: 2, windowMs: 30_000 },
  };

  it('blocks a username after its failures until the window ends', () => {
    const clock = new ManualClock();
    const limiter = new LoginRateLimiter(clock, rules);
    limiter.recordFailure('ip1', 'alice');
    expect(limiter.retryAfterSeconds('ip1', 'alice')).toBe(0);
    limiter.recordFailure('ip2', 'alice');
    expect(limiter.retryAfterSeconds('ip3', 'alice')).toBe(30);
    clock.advance(20_500);
    expect(limiter.retryAfterSeconds('ip3', 'alice')).toBe(10);
    clock.advance(10_000);
    expect(limiter.retryAfterSeconds('ip3', 'alice')).toBe(0);
  });

  it('blocks an IP across usernames, and success clears only the username counter', () => {
    const clock = new ManualClock();
    const limiter = new LoginRateLimiter(clock, rules);
    limiter.recordFailure('ip1', 'a');
    limiter.recordFailure('ip1', 'b');
    limiter.recordFailure('ip1', 'c');
    expect(limiter.retryAfterSeconds('ip1', 'd')).toBe(60);
    expect(limiter.retryAfterSeconds('ip9', 'd')).toBe(0);
    limiter.recordFailure('ip9', 'e');
    limiter.recordSuccess('e');
    limiter.recordFailure('ip8', 'e');
    expect(limiter.retryAfterSeconds('ip7', 'e')).toBe(0);
  });
});
