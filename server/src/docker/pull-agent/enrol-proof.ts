import crypto from 'node:crypto';

/*
 * The enrolment token and the proofs built from it. The token never crosses the wire: each side
 * proves it holds the token with an HMAC over both certificate fingerprints of the TLS connection
 * they share, so a party in the middle (which must present its own certificates) cannot produce a
 * proof that verifies, and a proof seen once is worth nothing on another connection.
 *
 * Token: `anpe1.<expiry, unix seconds>.<32 random bytes, base64url>`. The expiry is in the token so
 * the agent can refuse an expired one too; changing it changes the HMAC key and breaks the proofs.
 */

const TOKEN = /^anpe1\.(\d{10})\.[A-Za-z0-9_-]{43}$/;

export function createEnrolToken(expiresAt: Date): string {
  const seconds = Math.floor(expiresAt.getTime() / 1000);
  return `anpe1.${seconds}.${crypto.randomBytes(32).toString('base64url')}`;
}

/** The token's expiry, or null when the text is not a token at all. */
export function enrolTokenExpiry(token: string): Date | null {
  const match = TOKEN.exec(token);
  return match?.[1] ? new Date(Number(match[1]) * 1000) : null;
}

export type ProofRole = 'archnest' | 'agent';

export function enrolProof(token: string, role: ProofRole, agentFp: string, clientFp: string): string {
  return crypto
    .createHmac('sha256', token)
    .update(`archnest-pull-agent-enrol\n${role}\n${agentFp}\n${clientFp}`)
    .digest('base64url');
}

export function proofMatches(expected: string, given: unknown): boolean {
  if (typeof given !== 'string' || given.length !== expected.length) return false;
  return crypto.timingSafeEqual(Buffer.from(expected), Buffer.from(given));
}
