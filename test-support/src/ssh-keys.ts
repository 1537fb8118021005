import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ensureOpenSsh } from './openssh';

export type SshKeyType = 'ed25519' | 'ecdsa' | 'rsa';

export interface SshKeyPair {
  type: SshKeyType;
  privateKeyPath: string;
  publicKeyPath: string;
  /** OpenSSH private key file text. */
  privateKey: string;
  /** One line: "ssh-ed25519 AAAA... comment". */
  publicKey: string;
  passphrase?: string;
}

export interface KeyFingerprint {
  bits: number;
  /** "SHA256:..." exactly as `ssh-keygen -l` prints it. */
  fingerprint: string;
  comment: string;
  /** "ED25519", "ECDSA", "RSA". */
  type: string;
}

export interface UserCertificate {
  path: string;
  /** One line: "ssh-ed25519-cert-v01@openssh.com AAAA...". */
  certificate: string;
}

const BITS: Record<SshKeyType, string> = { ed25519: '256', ecdsa: '256', rsa: '3072' };

/** Generates a key pair with ssh-keygen; the file name must be new inside `dir`. */
export function generateKeyPair(
  dir: string,
  name: string,
  options: { type?: SshKeyType; passphrase?: string; comment?: string } = {},
): SshKeyPair {
  ensureOpenSsh();
  const type = options.type ?? 'ed25519';
  const privateKeyPath = path.join(dir, name);
  execFileSync(
    'ssh-keygen',
    [
      '-q',
      '-t',
      type,
      '-b',
      BITS[type],
      '-N',
      options.passphrase ?? '',
      '-C',
      options.comment ?? name,
      '-f',
      privateKeyPath,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const publicKeyPath = `${privateKeyPath}.pub`;
  return {
    type,
    privateKeyPath,
    publicKeyPath,
    privateKey: fs.readFileSync(privateKeyPath, 'utf8'),
    publicKey: fs.readFileSync(publicKeyPath, 'utf8').trim(),
    ...(options.passphrase === undefined ? {} : { passphrase: options.passphrase }),
  };
}

/** Parses what `ssh-keygen -lf <file>` prints: "256 SHA256:xxx comment (ED25519)". */
export function keyFingerprint(publicKeyPath: string): KeyFingerprint {
  ensureOpenSsh();
  const line = execFileSync('ssh-keygen', ['-l', '-f', publicKeyPath], { encoding: 'utf8' }).trim();
  const match = /^(\d+) (SHA256:[A-Za-z0-9+/]+) (.*) \(([A-Z0-9-]+)\)$/.exec(line);
  if (!match) throw new Error(`unexpected ssh-keygen -l output: ${line}`);
  return { bits: Number(match[1]), fingerprint: match[2]!, comment: match[3]!, type: match[4]! };
}

/**
 * Signs a user key with a CA key (`ssh-keygen -s ca -I id -n principals`). The certificate lands next
 * to the public key as `<name>-cert.pub`, where OpenSSH looks for it.
 */
export function signUserCertificate(
  ca: SshKeyPair,
  user: SshKeyPair,
  options: { identity: string; principals: string[]; validity?: string },
): UserCertificate {
  ensureOpenSsh();
  const args = ['-q', '-s', ca.privateKeyPath, '-I', options.identity, '-n', options.principals.join(',')];
  if (options.validity) args.push('-V', options.validity);
  if (ca.passphrase !== undefined) args.push('-P', ca.passphrase);
  execFileSync('ssh-keygen', [...args, user.publicKeyPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  const certPath = user.publicKeyPath.replace(/\.pub$/, '-cert.pub');
  return { path: certPath, certificate: fs.readFileSync(certPath, 'utf8').trim() };
}
