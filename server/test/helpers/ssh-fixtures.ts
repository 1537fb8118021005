import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SshdServer } from '@archnest/test-support';
import type { HostKeyVerifier, SeenHostKey } from '../../src/ssh';

export const TEST_USER = 'archnest_ssh';
export const TEST_PASSWORD = 'pw-Correct-Horse-7731';

/** A verifier that trusts exactly the pinned fingerprints and records every key it was shown. */
export function pinnedVerifier(pins: Map<string, string>): { verify: HostKeyVerifier; seen: SeenHostKey[] } {
  const seen: SeenHostKey[] = [];
  return {
    seen,
    verify: (key) => {
      seen.push(key);
      const expected = pins.get(`${key.host}:${key.port}`);
      if (expected === undefined) return Promise.resolve({ trust: false, reason: 'unknown' });
      if (expected === key.fingerprint) return Promise.resolve({ trust: true });
      return Promise.resolve({ trust: false, reason: 'changed', expectedFingerprint: expected });
    },
  };
}

export function pinsFor(...servers: SshdServer[]): Map<string, string> {
  return new Map(servers.map((s) => [`${s.host}:${s.port}`, s.hostKeyFingerprint().fingerprint]));
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Every string an error could leak, checked in its message, its stack and its JSON form. */
export function expectNoSecrets(error: unknown, secrets: string[]): void {
  const text = [
    error instanceof Error ? error.message : String(error),
    error instanceof Error ? (error.stack ?? '') : '',
    JSON.stringify(error),
  ].join('\n');
  for (const secret of secrets) {
    for (const line of secret.split('\n').filter((l) => l.length > 8)) {
      if (text.includes(line)) throw new Error(`error text contains a secret: ${line.slice(0, 12)}…`);
    }
  }
}

export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}
