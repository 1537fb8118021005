import {
  busyboxImage,
  ensureTestUser,
  runContainer,
  startDockerd,
  startEc2Fake,
  startProxmoxFake,
  startSshd,
} from '@archnest/test-support';

export const E2E_SSH_USER = 'archnest-e2e';
const E2E_SSH_PASSWORD = 'E2e-ssh-pass-4471';

/**
 * Real services for the specs: an sshd for the terminal (ARCHNEST_E2E_SSH), a private dockerd with
 * a running and a stopped container for the Containers page (ARCHNEST_E2E_DOCKER), and loopback fakes
 * of Proxmox VE (HTTPS, self-signed) and EC2 for the Infrastructure page (ARCHNEST_E2E_INFRA).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  ensureTestUser(E2E_SSH_USER, E2E_SSH_PASSWORD);
  const sshd = await startSshd();
  const dockerd = await startDockerd();
  const stops: (() => Promise<void>)[] = [() => dockerd.stop(), () => sshd.stop()];
  const stopAll = async () => {
    for (const stop of stops) await stop();
  };
  try {
    const image = busyboxImage(dockerd.socketPath);
    runContainer(dockerd, {
      name: 'e2e-web',
      image,
      env: { API_TOKEN: 'e2e-secret-token', MODE: 'demo' },
      stopTimeout: 1,
    });
    runContainer(dockerd, { name: 'e2e-stopped', image, createOnly: true });
    const proxmox = await startProxmoxFake({ tls: 'self-signed' });
    stops.unshift(() => proxmox.stop());
    const ec2 = await startEc2Fake();
    stops.unshift(() => ec2.stop());
    process.env.ARCHNEST_E2E_INFRA = JSON.stringify({
      proxmox: {
        url: proxmox.url,
        fingerprint: proxmox.fingerprint,
        tokenId: proxmox.tokenId,
        tokenSecret: proxmox.tokenSecret,
      },
      ec2: {
        endpoint: ec2.url,
        accessKeyId: ec2.accessKeyId,
        // The fake verifies the SigV4 signature with this secret.
        secretAccessKey: ec2.secretAccessKey,
        regions: Object.keys(ec2.instances),
      },
    });
  } catch (error) {
    await stopAll();
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
  return stopAll;
}
