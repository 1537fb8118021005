import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { generateKeyPair, keyFingerprint } from '@archnest/test-support';
import { keyFormat, keyTypeName, sha256Fingerprint } from '../../src/ssh';
import { tempDir } from '../helpers/ssh-fixtures';

const dir = tempDir('archnest-fp-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('host key fingerprints', () => {
  // ssh-keygen makes an RSA key in seconds on a busy machine: more than the default 5 s limit.
  it.each(['ed25519', 'ecdsa', 'rsa'] as const)(
    'match ssh-keygen -lf for %s keys',
    { timeout: 30_000 },
    (type) => {
      const key = generateKeyPair(dir, `k-${type}`, { type });
      const blob = Buffer.from(key.publicKey.split(' ')[1]!, 'base64');
      const expected = keyFingerprint(key.publicKeyPath);
      expect(sha256Fingerprint(blob)).toBe(expected.fingerprint);
      expect(keyTypeName(keyFormat(blob))).toBe(expected.type);
    },
  );

  it('rejects malformed blobs', () => {
    expect(() => keyFormat(Buffer.from([0, 0]))).toThrow();
    expect(() => keyFormat(Buffer.from([0, 0, 0, 200, 1]))).toThrow();
  });
});
