import { Writable } from 'node:stream';
import { expect, it } from 'vitest';
import { ManualClock } from '../../src/clock';
import { ADMIN, setupAdmin } from '../helpers/accounts';
import { createTestApp } from '../helpers/test-app';
import { enrolTwoFactor, finishLogin, startLogin, totpCode } from '../helpers/two-factor';

it('never writes the TOTP secret, recovery codes or the pending token to logs or audit rows', async () => {
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const clock = new ManualClock();
  const t = await createTestApp({ clock, logger: { level: 'trace', stream } });
  try {
    const admin = await setupAdmin(t.app);
    const { secret, recoveryCodes } = await enrolTwoFactor(t.app, admin, clock);
    clock.advance(30_000);
    const pending = await startLogin(t.app, ADMIN.username, ADMIN.password);
    const code = totpCode(secret, clock);
    expect((await finishLogin(t.app, pending, { code: '000000' })).statusCode).toBe(401);
    expect((await finishLogin(t.app, pending, { code })).statusCode).toBe(200);
    const second = await startLogin(t.app, ADMIN.username, ADMIN.password);
    expect((await finishLogin(t.app, second, { recoveryCode: recoveryCodes[0] ?? '' })).statusCode).toBe(200);

    const text = logs.join('\n');
    expect(text.length).toBeGreaterThan(1000);
    const audit = JSON.stringify(await t.database.db.selectFrom('audit_log').selectAll().execute());
    const loginAudit = JSON.stringify(await t.database.db.selectFrom('login_audit').selectAll().execute());
    const pendingToken = pending.split('=')[1] ?? '';
    for (const needle of [
      secret,
      pendingToken,
      ...recoveryCodes,
      ...recoveryCodes.map((c) => c.replace(/-/g, '')),
    ]) {
      expect(text).not.toContain(needle);
      expect(audit).not.toContain(needle);
      expect(loginAudit).not.toContain(needle);
    }
    // The six-digit code as a number of its own: its digits do turn up inside millisecond timestamps.
    const codeAlone = new RegExp(`(?<![0-9])${code}(?![0-9])`);
    for (const written of [text, audit, loginAudit]) expect(written).not.toMatch(codeAlone);
  } finally {
    await t.close();
  }
});
