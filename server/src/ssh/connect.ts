import type { HostKeyVerifier } from './host-key';
import { connectOpenSsh } from './openssh-pty';
import { SshConnectError } from './ssh-connect-error';
import type { SshConnection, VerifiedHostKey } from './ssh-connection';
import type { SshTarget } from './ssh-target';
import { closeClients, Ssh2Connection } from './ssh2-connection';
import {
  forwardThrough,
  handshake,
  openTcp,
  type ConnectedHop,
  type HopOptions,
  type SshProgress,
} from './ssh2-hop';

export interface ConnectOptions {
  /** Required: decides about every host key in the chain. */
  verifyHostKey: HostKeyVerifier;
  /** Per hop: TCP connect, and handshake plus login. Default 10 s. */
  readyTimeoutMs?: number;
  /** Default 15 s; three missed answers end the connection. */
  keepaliveIntervalMs?: number;
  onStep?: (step: SshProgress) => void;
}

/**
 * Connects through `chain` (jump hops first, the target last) and logs in to the target. This is the one
 * way ArchNest opens SSH: terminals, connection tests, Docker over SSH and every jump hop come through
 * here, so host-key checks, algorithms and error wording are the same everywhere.
 */
export async function connectSsh(
  chain: readonly SshTarget[],
  options: ConnectOptions,
): Promise<SshConnection> {
  const target = chain.at(-1);
  if (!target) throw new Error('connectSsh needs at least one host');
  if (typeof options.verifyHostKey !== 'function') throw new Error('connectSsh needs a host key verifier');
  const targetHop = chain.length - 1;
  chain.forEach((t, hop) => {
    if (t.auth.type === 'certificate' && hop !== targetHop)
      throw new SshConnectError(
        'auth',
        hop,
        t.label,
        `Jump host ${t.label} uses certificate login, which is only available for the final host of a chain`,
      );
  });
  const hopOptions: HopOptions = {
    verifyHostKey: options.verifyHostKey,
    readyTimeoutMs: options.readyTimeoutMs ?? 10_000,
    keepaliveIntervalMs: options.keepaliveIntervalMs ?? 15_000,
    ...(options.onStep ? { onStep: options.onStep } : {}),
  };
  const ssh2Hops = target.auth.type === 'certificate' ? chain.slice(0, -1) : chain;

  const connected: ConnectedHop[] = [];
  const hostKeys: VerifiedHostKey[] = [];
  try {
    for (const [hop, t] of ssh2Hops.entries()) {
      const previous = connected.at(-1);
      const sock = previous
        ? await forwardThrough(previous.client, previous.label, t, hop, hopOptions)
        : await openTcp(t, hop, hopOptions);
      const done = await handshake(t, hop, sock, hopOptions);
      connected.push(done);
      const { algorithm, fingerprint } = done.hostKey;
      hostKeys.push({ hop, label: t.label, host: t.host, port: t.port, algorithm, fingerprint });
    }
    if (target.auth.type === 'certificate') {
      return await connectOpenSsh(
        { ...target, auth: target.auth },
        targetHop,
        connected,
        hostKeys,
        hopOptions,
      );
    }
  } catch (error) {
    closeClients(connected.map((c) => c.client));
    throw error;
  }
  return new Ssh2Connection(connected, target.label, hostKeys, hopOptions.keepaliveIntervalMs);
}
