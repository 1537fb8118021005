import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInstanceKey } from '../../src/crypto/key-file';
import { SecretBox } from '../../src/crypto/secret-box';

describe('SecretBox', () => {
  const box = new SecretBox(Buffer.alloc(32, 1));

  it('round-trips and never stores the plaintext or repeats a ciphertext', () => {
    const a = box.seal('hunter2-password', 'credential:1:password');
    const b = box.seal('hunter2-password', 'credential:1:password');
    expect(a).not.toBe(b);
    expect(a).not.toContain('hunter2');
    expect(a.startsWith(`v1:${box.keyId}:`)).toBe(true);
    expect(box.open(a, 'credential:1:password')).toBe('hunter2-password');
  });

  it('refuses a value moved to another record or field', () => {
    const sealed = box.seal('s3cret', 'credential:1:password');
    expect(() => box.open(sealed, 'credential:2:password')).toThrow('integrity check');
    expect(() => box.open(sealed, 'credential:1:passphrase')).toThrow('integrity check');
  });

  it('refuses a tampered value and names a foreign key', () => {
    const sealed = box.seal('s3cret', 'x');
    const parts = sealed.split(':');
    const body = Buffer.from(parts[3]!, 'base64');
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString('base64');
    expect(() => box.open(parts.join(':'), 'x')).toThrow('integrity check');
    const other = new SecretBox(Buffer.alloc(32, 2));
    expect(() => other.open(sealed, 'x')).toThrow(`sealed with key ${box.keyId}`);
    expect(() => box.open('garbage', 'x')).toThrow('not in a known format');
  });
});

describe('loadInstanceKey', () => {
  it('creates a 0600 key file once and reuses it', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-key-')), 'data');
    const first = loadInstanceKey(undefined, dir);
    const file = path.join(dir, 'secret.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first.key).toHaveLength(32);
    expect(loadInstanceKey(undefined, dir).key.equals(first.key)).toBe(true);
  });

  it('prefers the configured key and refuses a damaged file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-key-'));
    const configured = Buffer.alloc(32, 9).toString('base64');
    expect(loadInstanceKey(configured, dir).source).toBe('ARCHNEST_SECRET_KEY');
    fs.writeFileSync(path.join(dir, 'secret.key'), 'short');
    expect(() => loadInstanceKey(undefined, dir)).toThrow('does not hold a base64 32-byte key');
  });
});
