import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

/** RFC 6238 with the parameters every authenticator app understands. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Codes one step before and after the current one are accepted (clock drift, slow typing). */
export const TOTP_WINDOW = 1;
const ISSUER = 'ArchNest';

export interface TotpOptions {
  digits?: number;
  algorithm?: 'SHA1' | 'SHA256' | 'SHA512';
}

/** A new 160-bit secret (the size RFC 4226 recommends) from the CSPRNG, as base32. */
export function newTotpSecret(): string {
  return new Secret({ buffer: new Uint8Array(randomBytes(20)).buffer }).base32;
}

function totp(secretBase32: string, label = '', options: TotpOptions = {}): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label,
    algorithm: options.algorithm ?? 'SHA1',
    digits: options.digits ?? TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

export function totpUri(secretBase32: string, username: string): string {
  return totp(secretBase32, username).toString();
}

export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);
}

/**
 * The time step the code belongs to (within ±1 step of now), or null when it matches none. The caller
 * refuses a step that is not newer than the last one accepted, so a code cannot be used twice.
 */
export function matchTotpStep(
  secretBase32: string,
  code: string,
  nowMs: number,
  options: TotpOptions = {},
): number | null {
  const delta = totp(secretBase32, '', options).validate({
    token: code,
    timestamp: nowMs,
    window: TOTP_WINDOW,
  });
  return delta === null ? null : totpStep(nowMs) + delta;
}
