import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { hashRecoveryCode, newRecoveryCodes } from '../../src/auth/two-factor/recovery-codes';
import { matchTotpStep, newTotpSecret, totpStep, totpUri } from '../../src/auth/two-factor/totp';

// RFC 6238 appendix B, SHA1 column: the 20-byte ASCII key "12345678901234567890", 8 digits, 30 s steps.
const RFC_KEY = Secret.fromLatin1('12345678901234567890');
const RFC_SHA1_VECTORS: [number, string][] = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (otpauth) against the RFC 6238 test vectors', () => {
  it('generates every SHA1 vector of the RFC appendix', () => {
    const totp = new TOTP({ algorithm: 'SHA1', digits: 8, period: 30, secret: RFC_KEY });
    for (const [seconds, code] of RFC_SHA1_VECTORS) {
      expect(totp.generate({ timestamp: seconds * 1000 }), `T=${seconds}`).toBe(code);
    }
  });

  it('our matcher accepts each vector at its own step, and the neighbours within ±1 step only', () => {
    for (const [seconds, code] of RFC_SHA1_VECTORS) {
      const ms = seconds * 1000;
      const step = totpStep(ms);
      expect(matchTotpStep(RFC_KEY.base32, code, ms, { digits: 8 })).toBe(step);
      expect(matchTotpStep(RFC_KEY.base32, code, ms + 30_000, { digits: 8 })).toBe(step);
      expect(matchTotpStep(RFC_KEY.base32, code, ms - 30_000, { digits: 8 })).toBe(step);
      expect(matchTotpStep(RFC_KEY.base32, code, ms + 60_000, { digits: 8 })).toBeNull();
      expect(matchTotpStep(RFC_KEY.base32, code, ms - 60_000, { digits: 8 })).toBeNull();
    }
  });

  it('makes 160-bit secrets and an otpauth URI authenticator apps read', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = new URL(totpUri(secret, 'ada'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/ArchNest:ada');
    expect(Object.fromEntries(uri.searchParams)).toMatchObject({
      secret,
      issuer: 'ArchNest',
      algorithm: 'SHA1',
      digits: '6',
      period: '30',
    });
  });
});

describe('recovery codes', () => {
  it('are ten distinct 80-bit codes whose hash ignores dashes, spaces and case', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    const first = codes[0] ?? '';
    expect(hashRecoveryCode(first.toUpperCase().replace(/-/g, ' '))).toBe(hashRecoveryCode(first));
    expect(hashRecoveryCode(first)).not.toBe(hashRecoveryCode(codes[1] ?? ''));
  });
});
