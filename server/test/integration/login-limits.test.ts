import { afterEach, describe, expect, it } from 'vitest';
import type { LoginAuditEntry } from '@archnest/contract';
import { argon2Verifier, type PasswordVerifier } from '../../src/auth/passwords';
import { ADMIN } from '../helpers/accounts';
import { httpRequest, listenOnLoopback, type RawResponse } from '../helpers/raw-http';
import { createTestApp, dialects, type TestApp, type TestAppOptions } from '../helpers/test-app';

/** The real argon2 checks, counted: how many guesses actually reached the hash. */
function countingVerifier() {
  const calls = { verify: 0, burn: 0 };
  const verifier: PasswordVerifier = {
    verify: (hash, password) => {
      calls.verify += 1;
      return argon2Verifier.verify(hash, password);
    },
    burn: (password) => {
      calls.burn += 1;
      return argon2Verifier.burn(password);
    },
  };
  return { calls, verifier };
}

const statuses = (responses: RawResponse[]) =>
  responses.reduce<Record<number, number>>(
    (acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }),
    {},
  );

describe.each(dialects)('login limits over real HTTP on %s', (dialect) => {
  let t: TestApp;
  let port: number;
  let adminCookie: string;
  const counted = countingVerifier();

  async function start(options: TestAppOptions = {}): Promise<void> {
    counted.calls.verify = 0;
    counted.calls.burn = 0;
    t = await createTestApp({ dialect, passwordVerifier: counted.verifier, ...options });
    port = await listenOnLoopback(t.app);
    const setup = await httpRequest(port, { path: '/api/auth/setup', json: ADMIN });
    expect(setup.status).toBe(201);
    adminCookie = String(setup.headers['set-cookie']).split(';')[0]!;
  }
  afterEach(async () => {
    await t.close();
  });

  const loginFrom = (
    from: string,
    username: string,
    password: string,
    headers: Record<string, string> = {},
  ) => httpRequest(port, { path: '/api/auth/login', json: { username, password }, from, headers });

  async function loginAudit(): Promise<LoginAuditEntry[]> {
    const res = await httpRequest(port, {
      path: '/api/admin/login-audit?limit=500',
      headers: { cookie: adminCookie },
    });
    expect(res.status).toBe(200);
    return JSON.parse(res.body) as LoginAuditEntry[];
  }

  it('30 parallel wrong passwords for one username reach argon2 exactly 5 times, and the flood folds into one audit row', async () => {
    await start();
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, i) => loginFrom('127.0.0.1', 'admin', `wrong-password-${i}`)),
    );
    expect(counted.calls.verify).toBe(5);
    expect(statuses(responses)).toEqual({ 401: 5, 429: 25 });
    for (const r of responses.filter((x) => x.status === 429)) {
      expect(JSON.parse(r.body)).toMatchObject({ error: 'rate_limited' });
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
      expect(r.headers['cache-control']).toBe('no-store');
    }
    const audit = await loginAudit();
    const limited = audit.filter((e) => e.reason === 'rate_limited');
    expect(limited).toHaveLength(1);
    expect(limited[0]).toMatchObject({ username: 'admin', ip: '127.0.0.1', count: 25, success: false });
    expect(audit.filter((e) => e.reason === 'wrong_password').map((e) => e.count)).toEqual([1, 1, 1, 1, 1]);
  });

  it('40 parallel unknown usernames from one address reach argon2 exactly 20 times', async () => {
    await start();
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => loginFrom('127.0.0.1', `nobody${i}`, 'some-password-1')),
    );
    expect(counted.calls.burn + counted.calls.verify).toBe(20);
    expect(statuses(responses)).toEqual({ 401: 20, 429: 20 });
    // Another address is not affected by this one's limit.
    expect((await loginFrom('127.0.0.2', 'admin', ADMIN.password)).status).toBe(200);
  });

  it('an attacker hammering the admin cannot lock the admin out: the right password from another address still signs in', async () => {
    await start({
      loginLimits: {
        perClient: { maxFailures: 5, windowMs: 900_000, lockMs: 900_000, maxLockMs: 86_400_000 },
        perIp: { maxFailures: 20, windowMs: 900_000 },
        perAccount: { freeFailures: 10, windowMs: 900_000, stepMs: 100, maxDelayMs: 400 },
      },
    });
    // One attacker address, and then several more (each gets its own 5 guesses).
    const hammer = await Promise.all(
      Array.from({ length: 30 }, (_, i) => loginFrom('127.0.0.2', 'admin', `guess-${i}-password`)),
    );
    expect(statuses(hammer)).toEqual({ 401: 5, 429: 25 });
    const spread = await Promise.all(
      ['127.0.0.4', '127.0.0.5', '127.0.0.6'].flatMap((ip) =>
        Array.from({ length: 8 }, (_, i) => loginFrom(ip, 'admin', `spread-${i}-password`)),
      ),
    );
    expect(statuses(spread)).toEqual({ 401: 15, 429: 9 });

    // While the attacker keeps going, the owner signs in from their own address.
    const ongoing = Array.from({ length: 10 }, (_, i) =>
      loginFrom('127.0.0.2', 'admin', `more-${i}-password`),
    );
    const started = Date.now();
    const owner = await loginFrom('127.0.0.3', 'admin', ADMIN.password);
    const ownerMs = Date.now() - started;
    expect(owner.status).toBe(200);
    expect(ownerMs).toBeLessThan(3_000); // slowed by at most the cross-address delay (400 ms here) + argon2
    expect(statuses(await Promise.all(ongoing))).toEqual({ 429: 10 });

    // The attacker stays limited, even when it finally guesses right.
    const lucky = await loginFrom('127.0.0.2', 'admin', ADMIN.password);
    expect(lucky.status).toBe(429);
    expect(Number(lucky.headers['retry-after'])).toBeGreaterThan(800);
    expect(counted.calls.verify).toBe(5 + 15 + 1);
  });

  it('the current-password check of a password change is limited like sign-in, with 429 and Retry-After', async () => {
    await start();
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        httpRequest(port, {
          path: '/api/auth/password',
          json: { currentPassword: `not-it-${i}-password`, newPassword: 'a-new-password-123' },
          headers: { cookie: adminCookie },
          from: '127.0.0.2',
        }),
      ),
    );
    expect(counted.calls.verify).toBe(5);
    expect(statuses(responses)).toEqual({ 403: 5, 429: 7 });
    const limited = responses.find((r) => r.status === 429)!;
    expect(JSON.parse(limited.body)).toMatchObject({ error: 'rate_limited' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    // The right current password from the limited address is refused too; the session still works.
    const right = await httpRequest(port, {
      path: '/api/auth/password',
      json: { currentPassword: ADMIN.password, newPassword: 'a-new-password-123' },
      headers: { cookie: adminCookie },
      from: '127.0.0.2',
    });
    expect(right.status).toBe(429);
    expect(counted.calls.verify).toBe(5);
  });

  describe('behind a reverse proxy', () => {
    const lockOut = async (headers: Record<string, string>) => {
      for (let i = 0; i < 5; i++) {
        expect((await loginFrom('127.0.0.1', 'admin', `wrong-${i}-password`, headers)).status).toBe(401);
      }
      expect((await loginFrom('127.0.0.1', 'admin', ADMIN.password, headers)).status).toBe(429);
    };

    it('with a hop count, a client-written X-Forwarded-For entry does not free a locked-out client', async () => {
      await start({ env: { ARCHNEST_TRUST_PROXY: '1' } });
      // The proxy (our loopback socket) appends the address it saw.
      await lockOut({ 'x-forwarded-for': '203.0.113.9' });
      for (const spoof of ['198.51.100.1', '198.51.100.1, 198.51.100.2']) {
        const escaped = await loginFrom('127.0.0.1', 'admin', ADMIN.password, {
          'x-forwarded-for': `${spoof}, 203.0.113.9`,
        });
        expect(escaped.status).toBe(429);
      }
      // Another real client behind the same proxy is a different address.
      const other = await loginFrom('127.0.0.1', 'admin', ADMIN.password, {
        'x-forwarded-for': '198.51.100.1, 203.0.113.10',
      });
      expect(other.status).toBe(200);
      const audit = await loginAudit();
      expect(audit[0]).toMatchObject({ ip: '203.0.113.10', success: true });
      expect(audit.find((e) => e.reason === 'rate_limited')).toMatchObject({ ip: '203.0.113.9', count: 3 });
    });

    it('with trusted addresses and CIDRs (IPv4 and IPv6), the client is the rightmost untrusted address', async () => {
      await start({ env: { ARCHNEST_TRUST_PROXY: '127.0.0.1,10.0.0.0/8,fd00::/8' } });
      await lockOut({ 'x-forwarded-for': '2001:db8::66, fd00::7, 10.1.2.3' });
      const escaped = await loginFrom('127.0.0.1', 'admin', ADMIN.password, {
        'x-forwarded-for': '198.51.100.1, 2001:db8::66, fd00::7, 10.1.2.3',
      });
      expect(escaped.status).toBe(429);
      const v4 = await loginFrom('127.0.0.1', 'admin', ADMIN.password, {
        'x-forwarded-for': '2001:db8::66, 203.0.113.4, 10.9.9.9',
      });
      expect(v4.status).toBe(200);
      const audit = await loginAudit();
      expect(audit[0]).toMatchObject({ ip: '203.0.113.4', success: true });
      expect(audit.filter((e) => e.reason === 'wrong_password').every((e) => e.ip === '2001:db8::66')).toBe(
        true,
      );
    });

    it('unset, X-Forwarded-For is ignored and the socket address is the client', async () => {
      await start();
      await lockOut({ 'x-forwarded-for': '203.0.113.9' });
      const escaped = await loginFrom('127.0.0.1', 'admin', ADMIN.password, {
        'x-forwarded-for': '203.0.113.77',
      });
      expect(escaped.status).toBe(429);
      expect((await loginAudit()).every((e) => e.ip === '127.0.0.1')).toBe(true);
    });
  });
});
