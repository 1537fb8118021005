import { ensureDebianPackages } from './apt';

export const SSHD_PATH = '/usr/sbin/sshd';
export const SSH_PATH = '/usr/bin/ssh';
export const SSH_KEYGEN_PATH = '/usr/bin/ssh-keygen';

/** The OpenSSH server and client the SSH suites run against (installed when missing). */
export function ensureOpenSsh(): void {
  ensureDebianPackages([
    { path: SSHD_PATH, pkg: 'openssh-server' },
    { path: SSH_PATH, pkg: 'openssh-client' },
    { path: SSH_KEYGEN_PATH, pkg: 'openssh-client' },
  ]);
}
