import type { Algorithms } from 'ssh2';

/*
 * Every name here is one ssh2 1.17 implements (lib/protocol/constants.js). The modern lists are what a
 * current OpenSSH negotiates; the legacy opt-in exists for old appliances (switches, NAS firmware) and
 * is granted per host, never globally.
 */

const MODERN_KEX = [
  'curve25519-sha256',
  'curve25519-sha256@libssh.org',
  'ecdh-sha2-nistp256',
  'ecdh-sha2-nistp384',
  'ecdh-sha2-nistp521',
  'diffie-hellman-group16-sha512',
  'diffie-hellman-group18-sha512',
  'diffie-hellman-group14-sha256',
] as const;

const MODERN_HOST_KEYS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
] as const;

/*
 * AES-GCM first: with AES instructions (every x86-64 server CPU of the last decade, ARMv8 with the
 * crypto extension) it decrypts in one native call per packet, where chacha20-poly1305 needs two;
 * a terminal relay handles tens of thousands of small packets per second. ssh2's own default order
 * makes the same choice on x86.
 */
const MODERN_CIPHERS = [
  'aes128-gcm@openssh.com',
  'aes256-gcm@openssh.com',
  'chacha20-poly1305@openssh.com',
  'aes256-ctr',
  'aes192-ctr',
  'aes128-ctr',
] as const;

const MODERN_MACS = [
  'hmac-sha2-256-etm@openssh.com',
  'hmac-sha2-512-etm@openssh.com',
  'hmac-sha2-256',
  'hmac-sha2-512',
] as const;

const LEGACY_KEX = ['diffie-hellman-group14-sha1', 'diffie-hellman-group1-sha1'] as const;
const LEGACY_HOST_KEYS = ['ssh-rsa'] as const;
const LEGACY_CIPHERS = ['aes256-cbc', 'aes192-cbc', 'aes128-cbc'] as const;
const LEGACY_MACS = ['hmac-sha1'] as const;

export interface AlgorithmLists {
  kex: string[];
  serverHostKey: string[];
  cipher: string[];
  hmac: string[];
}

export function algorithmLists(legacy = false): AlgorithmLists {
  return {
    kex: [...MODERN_KEX, ...(legacy ? LEGACY_KEX : [])],
    serverHostKey: [...MODERN_HOST_KEYS, ...(legacy ? LEGACY_HOST_KEYS : [])],
    cipher: [...MODERN_CIPHERS, ...(legacy ? LEGACY_CIPHERS : [])],
    hmac: [...MODERN_MACS, ...(legacy ? LEGACY_MACS : [])],
  };
}

/** The lists as ssh2 takes them (exact lists, not appended to its defaults). */
export function ssh2Algorithms(legacy = false): Algorithms {
  const lists = algorithmLists(legacy);
  return {
    kex: lists.kex as Algorithms['kex'],
    serverHostKey: lists.serverHostKey as Algorithms['serverHostKey'],
    cipher: lists.cipher as Algorithms['cipher'],
    hmac: lists.hmac as Algorithms['hmac'],
    compress: ['none'],
  };
}
