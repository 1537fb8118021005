import { connectSsh, type SshConnection } from '../../ssh';
import type { HostKeyService } from './host-key.service';
import type { HostsService } from './hosts.service';
import { hostKeyVerifier, toSshTargets } from './ssh-targets';

export interface HostConnectorOptions {
  /** Per hop; default 5 s, so a dead host fails a background caller quickly. */
  readyTimeoutMs?: number;
}

/**
 * Connects to a host record for callers with no person at hand (Docker over SSH, checks): the stored
 * host keys decide alone, so an unknown or changed key refuses the connection, and keyboard-interactive
 * prompts go unanswered. The host record is read again on every connect, so edits apply next time.
 */
export function hostConnector(
  hosts: HostsService,
  hostKeys: HostKeyService,
  hostId: string,
  options: HostConnectorOptions = {},
): () => Promise<SshConnection> {
  return async () => {
    const plan = await hosts.connectionPlan(hostId);
    return connectSsh(
      toSshTargets(plan, () => Promise.resolve([])),
      { verifyHostKey: hostKeyVerifier(plan, hostKeys), readyTimeoutMs: options.readyTimeoutMs ?? 5000 },
    );
  };
}
