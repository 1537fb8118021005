import { describe, expect, it } from 'vitest';
import { algorithmLists } from '../../src/ssh';

const WEAK = /sha1|cbc|group1-|^ssh-rsa$|^ssh-dss$|md5/;

describe('SSH algorithm lists', () => {
  it('offer no SHA-1, CBC or DSA algorithm by default', () => {
    const modern = algorithmLists(false);
    for (const list of Object.values(modern)) for (const name of list) expect(name).not.toMatch(WEAK);
    expect(modern.kex[0]).toBe('curve25519-sha256');
    expect(modern.serverHostKey[0]).toBe('ssh-ed25519');
    // AEAD ciphers only at the top, AES-GCM first (one native call per packet with AES instructions).
    expect(modern.cipher.slice(0, 3)).toEqual([
      'aes128-gcm@openssh.com',
      'aes256-gcm@openssh.com',
      'chacha20-poly1305@openssh.com',
    ]);
  });

  it('add the legacy algorithms only when a host opts in, after the modern ones', () => {
    const legacy = algorithmLists(true);
    expect(legacy.kex).toContain('diffie-hellman-group14-sha1');
    expect(legacy.serverHostKey).toContain('ssh-rsa');
    expect(legacy.cipher).toContain('aes128-cbc');
    expect(legacy.hmac).toContain('hmac-sha1');
    const modern = algorithmLists(false);
    expect(legacy.kex.slice(0, modern.kex.length)).toEqual(modern.kex);
  });
});
