import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'archnest_session';

/** 256 random bits for the cookie; the database keeps only a SHA-256 of it. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
