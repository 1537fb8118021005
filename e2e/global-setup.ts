import { busyboxImage, ensureTestUser, runContainer, startDockerd, startSshd } from '@archnest/test-support';

export const E2E_SSH_USER = 'archnest-e2e';
const E2E_SSH_PASSWORD = 'E2e-ssh-pass-4471';

/**
 * Real services for the specs: an sshd for the terminal (ARCHNEST_E2E_SSH) and a private dockerd with
 * a running and a stopped container for the Containers page (ARCHNEST_E2E_DOCKER).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  ensureTestUser(E2E_SSH_USER, E2E_SSH_PASSWORD);
  const sshd = await startSshd();
  const dockerd = await startDockerd();
  try {
    const image = busyboxImage(dockerd.socketPath);
    runContainer(dockerd, {
      name: 'e2e-web',
      image,
      env: { API_TOKEN: 'e2e-secret-token', MODE: 'demo' },
      stopTimeout: 1,
    });
    runContainer(dockerd, { name: 'e2e-stopped', image, createOnly: true });
  } catch (error) {
    await dockerd.stop();
    await sshd.stop();
    throw error;
  }
  process.env.ARCHNEST_E2E_SSH = JSON.stringify({
    address: sshd.host,
    port: sshd.port,
    username: E2E_SSH_USER,
    password: E2E_SSH_PASSWORD,
    fingerprint: sshd.hostKeyFingerprint().fingerprint,
  });
  process.env.ARCHNEST_E2E_DOCKER = JSON.stringify({
    endpoint: dockerd.dockerHost,
    runningContainer: 'e2e-web',
    stoppedContainer: 'e2e-stopped',
  });
  return async () => {
    await dockerd.stop();
    await sshd.stop();
  };
}
