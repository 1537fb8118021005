import { ensureDebianPackages, type DebianNeed } from './apt';

export const SSHD_PATH = '/usr/sbin/sshd';
export const SSH_PATH = '/usr/bin/ssh';
export const SSH_KEYGEN_PATH = '/usr/bin/ssh-keygen';

/** The OpenSSH server and client the SSH suites run against. */
export const OPENSSH_PACKAGES: DebianNeed[] = [
  { path: SSHD_PATH, pkg: 'openssh-server' },
  { path: SSH_PATH, pkg: 'openssh-client' },
  { path: SSH_KEYGEN_PATH, pkg: 'openssh-client' },
];

/** Installs OpenSSH when missing. */
export function ensureOpenSsh(): void {
  ensureDebianPackages(OPENSSH_PACKAGES);
}
