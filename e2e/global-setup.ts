import { ensureTestUser, startSshd } from '@archnest/test-support';

export const E2E_SSH_USER = 'archnest-e2e';
const E2E_SSH_PASSWORD = 'E2e-ssh-pass-4471';

/** A real sshd for the terminal specs; its details reach the specs through ARCHNEST_E2E_SSH. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  ensureTestUser(E2E_SSH_USER, E2E_SSH_PASSWORD);
  const sshd = await startSshd();
  process.env.ARCHNEST_E2E_SSH = JSON.stringify({
    address: sshd.host,
    port: sshd.port,
    username: E2E_SSH_USER,
    password: E2E_SSH_PASSWORD,
    fingerprint: sshd.hostKeyFingerprint().fingerprint,
  });
  return () => sshd.stop();
}
