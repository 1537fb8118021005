import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { API_KEY_PREFIX } from '@archnest/contract';

/** `ank_` + 256 random bits in base64url (43 characters). */
const KEY_PATTERN = /^ank_[A-Za-z0-9_-]{43}$/;
const BEARER = /^Bearer[ ]+(\S+)$/;
const HINT_LENGTH = API_KEY_PREFIX.length + 4;

export function newApiKey(): { key: string; hash: string; hint: string } {
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashApiKey(key), hint: key.slice(0, HINT_LENGTH) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * Whether a request presents one of our keys. Other `Authorization` values (Basic credentials of a
 * reverse proxy, a proxy's own bearer token) are not ours: such a request is judged by its cookie.
 */
export function presentsApiKey(authorization: string | undefined): boolean {
  return /^Bearer[ ]+ank_/.test(authorization ?? '');
}

/** The key in an `Authorization: Bearer …` header, or null when the header holds anything else. */
export function bearerApiKey(authorization: string | undefined): string | null {
  const key = BEARER.exec(authorization ?? '')?.[1];
  return key && KEY_PATTERN.test(key) ? key : null;
}

/** The row was found by its hash; comparing once more in constant time keeps the check uniform. */
export function sameHash(storedHex: string, givenHex: string): boolean {
  const stored = Buffer.from(storedHex, 'hex');
  const given = Buffer.from(givenHex, 'hex');
  return stored.length === given.length && timingSafeEqual(stored, given);
}
