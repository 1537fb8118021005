import { afterEach, describe, expect, it } from 'vitest';
import type { LoginAuditEntry } from '@archnest/contract';
import { ManualClock } from '../../src/clock';
import { LoginAuditRepo } from '../../src/auth/login-audit.repo';
import { ADMIN, setupAdmin } from '../helpers/accounts';
import { createTestApp, dialects, type TestApp } from '../helpers/test-app';

describe.each(dialects)('login audit retention on %s', (dialect) => {
  let t: TestApp;
  afterEach(async () => {
    await t.close();
  });

  const fail = (username: string, ip: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username, password: 'not-the-password-1' },
      remoteAddress: ip,
    });
  const rows = () => new LoginAuditRepo(t.database.db).count();

  it('keeps at most ARCHNEST_LOGIN_AUDIT_MAX_ROWS rows, the newest', async () => {
    // Storage is what is under test here: a verifier that refuses at once spares 150 argon2 runs.
    t = await createTestApp({
      dialect,
      env: { ARCHNEST_LOGIN_AUDIT_MAX_ROWS: '100' },
      passwordVerifier: { verify: () => Promise.resolve(false), burn: () => Promise.resolve() },
    });
    const cookie = await setupAdmin(t.app);
    for (let i = 0; i < 150; i++) await fail(`guess${i}`, `10.0.${i % 10}.1`);
    expect(await rows()).toBe(100);
    const kept = (await t.app.inject({ url: '/api/admin/login-audit?limit=500', headers: { cookie } })).json<
      LoginAuditEntry[]
    >();
    expect(kept[0]).toMatchObject({ username: 'guess149', count: 1 });
    expect(kept.at(-1)).toMatchObject({ username: 'guess50' });
  });

  it('drops rows older than ARCHNEST_LOGIN_AUDIT_DAYS on the periodic sweep', async () => {
    const clock = new ManualClock();
    t = await createTestApp({ dialect, clock, env: { ARCHNEST_LOGIN_AUDIT_DAYS: '7' } });
    await setupAdmin(t.app);
    await fail('old1', '10.0.0.1');
    await fail('old2', '10.0.0.2');
    clock.advance(6 * 24 * 3_600_000);
    await fail('recent', '10.0.0.3');
    expect(await rows()).toBe(4);
    clock.advance(2 * 24 * 3_600_000); // setup, old1 and old2 are now 8 days old
    expect(await t.services.loginAudit.prune()).toBe(3);
    expect(await rows()).toBe(1);
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: ADMIN });
    expect(res.statusCode).toBe(200);
    expect(await rows()).toBe(2);
  });
});
