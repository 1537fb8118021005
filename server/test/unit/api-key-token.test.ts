import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bearerApiKey, newApiKey, presentsApiKey, sameHash } from '../../src/auth/api-keys/api-key-token';

describe('API key tokens', () => {
  it('makes ank_ keys of 256 random bits, never the same twice, with their SHA-256 and an 8-character hint', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) {
      const { key, hash, hint } = newApiKey();
      expect(key).toMatch(/^ank_[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(key.slice(4), 'base64url')).toHaveLength(32);
      expect(hash).toBe(createHash('sha256').update(key).digest('hex'));
      expect(hint).toBe(key.slice(0, 8));
      seen.add(key);
    }
    expect(seen.size).toBe(2000);
  });

  it('reads a key only from a well-formed Bearer header', () => {
    const { key } = newApiKey();
    expect(bearerApiKey(`Bearer ${key}`)).toBe(key);
    expect(bearerApiKey(`Bearer   ${key}`)).toBe(key);
    for (const header of [
      undefined,
      '',
      key,
      `bearer ${key}`,
      `Bearer ${key} extra`,
      `Bearer ${key}=`,
      `Bearer ${key.slice(0, -1)}`,
      `Bearer ank_${'!'.repeat(43)}`,
      `Basic ${key}`,
    ]) {
      expect(bearerApiKey(header), String(header)).toBeNull();
    }
  });

  it('claims only Bearer ank_ headers as key calls', () => {
    expect(presentsApiKey('Bearer ank_anything')).toBe(true);
    expect(presentsApiKey('Bearer ank_')).toBe(true);
    expect(presentsApiKey('Basic YWRtaW46eA==')).toBe(false);
    expect(presentsApiKey('Bearer eyJhbGciOi')).toBe(false);
    expect(presentsApiKey(undefined)).toBe(false);
  });

  it('compares hashes in full', () => {
    const { hash } = newApiKey();
    expect(sameHash(hash, hash)).toBe(true);
    const flipped = `${hash.slice(0, -1)}${hash.endsWith('0') ? '1' : '0'}`;
    expect(sameHash(hash, flipped)).toBe(false);
    expect(sameHash(hash, hash.slice(0, 10))).toBe(false);
  });
});
