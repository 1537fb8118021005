import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh OpenSSH private key (text) made by ssh-keygen, optionally encrypted. */
export function makePrivateKey(type: 'ed25519' | 'ecdsa' | 'rsa' = 'ed25519', passphrase = ''): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-key-'));
  const file = path.join(dir, 'id');
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', passphrase, '-C', 'test', '-f', file]);
  const key = fs.readFileSync(file, 'utf8');
  fs.rmSync(dir, { recursive: true, force: true });
  return key;
}
