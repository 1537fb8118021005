import { createHash, randomBytes } from 'node:crypto';
import { RECOVERY_CODE_COUNT } from '@archnest/contract';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * Ten codes of 16 base32 characters (80 bits each) from the CSPRNG. With that much entropy a SHA-256
 * is enough to store them: the hash cannot be reversed by guessing, unlike a password's.
 */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(16);
    const chars = Array.from(bytes, (b) => ALPHABET[b & 31]).join('');
    return chars.replace(/(.{4})(?!$)/g, '$1-');
  });
}

/** Normalised code (no dashes or spaces, lower case) → the stored hash. */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256')
    .update(`archnest-recovery:${code.replace(/[\s-]+/g, '').toLowerCase()}`)
    .digest('hex');
}
