import { createHash } from 'node:crypto';

/** What ArchNest saw when a server presented its host key. */
export interface SeenHostKey {
  host: string;
  port: number;
  /** Position in the chain: 0 is the first jump hop (or the target when there are none). */
  hop: number;
  /** Key type as `ssh-keygen -l` names it: ED25519, ECDSA, RSA. */
  algorithm: string;
  /** "SHA256:..." exactly as `ssh-keygen -l` prints it. */
  fingerprint: string;
  /** authorized_keys / known_hosts form: "ssh-ed25519 AAAA...". */
  publicKey: string;
}

export type HostKeyDecision =
  { trust: true } | { trust: false; reason: 'unknown' | 'changed'; expectedFingerprint?: string };

/**
 * Decides whether a host key is trusted. There is deliberately no default: every connect needs one, so
 * no code path can accept an unknown key without someone having written that decision down.
 */
export type HostKeyVerifier = (seen: SeenHostKey) => Promise<HostKeyDecision>;

/** The key format name at the start of an SSH public key blob ("ssh-ed25519", "ecdsa-sha2-nistp256"). */
export function keyFormat(blob: Buffer): string {
  if (blob.length < 4) throw new Error('host key blob is too short');
  const length = blob.readUInt32BE(0);
  if (length === 0 || length > 64 || blob.length < 4 + length) throw new Error('malformed host key blob');
  return blob.subarray(4, 4 + length).toString('latin1');
}

/** ssh-keygen's type label for a key format. */
export function keyTypeName(format: string): string {
  if (format === 'ssh-ed25519') return 'ED25519';
  if (format.startsWith('ecdsa-sha2-')) return 'ECDSA';
  if (format === 'ssh-rsa') return 'RSA';
  if (format === 'ssh-dss') return 'DSA';
  if (format.startsWith('sk-ssh-ed25519')) return 'ED25519-SK';
  if (format.startsWith('sk-ecdsa-')) return 'ECDSA-SK';
  return format.toUpperCase();
}

/** `SHA256:` + unpadded base64 of sha256(blob), the form `ssh-keygen -l` prints. */
export function sha256Fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

export function describeHostKey(blob: Buffer, host: string, port: number, hop: number): SeenHostKey {
  const format = keyFormat(blob);
  return {
    host,
    port,
    hop,
    algorithm: keyTypeName(format),
    fingerprint: sha256Fingerprint(blob),
    publicKey: `${format} ${blob.toString('base64')}`,
  };
}
