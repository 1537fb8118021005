import dns from 'node:dns/promises';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import { Client } from 'ssh2';
import { ssh2Algorithms } from './algorithms';
import { describeHostKey, type HostKeyVerifier, type SeenHostKey } from './host-key';
import { HopAuthenticator, loadPrivateKey } from './ssh-auth';
import { SshConnectError } from './ssh-connect-error';
import { describeTarget, type SshTarget } from './ssh-target';

export type SshProgress =
  | { hop: number; label: string; phase: 'dns' | 'tcp' | 'handshake' | 'auth' }
  | { hop: number; label: string; phase: 'host_key_trusted'; fingerprint: string }
  | { hop: number; label: string; phase: 'ready' };

export interface HopOptions {
  verifyHostKey: HostKeyVerifier;
  readyTimeoutMs: number;
  keepaliveIntervalMs: number;
  onStep?: (step: SshProgress) => void;
}

const errno = (error: unknown) => (error as NodeJS.ErrnoException).code ?? 'unknown error';

/** Resolves and opens TCP to the first hop ourselves, so DNS and TCP failures are told apart. */
export async function openTcp(target: SshTarget, hop: number, options: HopOptions): Promise<net.Socket> {
  const where = describeTarget(target);
  options.onStep?.({ hop, label: target.label, phase: 'dns' });
  let address: string;
  try {
    address = net.isIP(target.host) ? target.host : (await dns.lookup(target.host)).address;
  } catch (error) {
    throw new SshConnectError(
      'dns',
      hop,
      target.label,
      `Could not find ${target.label}: the name ${target.host} does not resolve (${errno(error)})`,
    );
  }
  options.onStep?.({ hop, label: target.label, phase: 'tcp' });
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: address, port: target.port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new SshConnectError(
          'timeout',
          hop,
          target.label,
          `${where} did not accept a connection within ${options.readyTimeoutMs / 1000} s`,
        ),
      );
    }, options.readyTimeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      const code = errno(error);
      const why =
        code === 'ECONNREFUSED' ? 'the connection was refused (is SSH running on that port?)' : code;
      reject(new SshConnectError('tcp', hop, target.label, `Cannot reach ${where}: ${why}`));
    });
  });
}

/** Opens a TCP stream from an already connected hop to the next machine in the chain. */
export function forwardThrough(
  via: Client,
  viaLabel: string,
  target: SshTarget,
  hop: number,
  options: HopOptions,
): Promise<Duplex> {
  options.onStep?.({ hop, label: target.label, phase: 'tcp' });
  return new Promise((resolve, reject) => {
    via.forwardOut('127.0.0.1', 0, target.host, target.port, (error, channel) => {
      if (!error) {
        resolve(channel);
        return;
      }
      const text = error.message;
      const unresolved = /resolve|name or service|getaddrinfo|not known/i.test(text);
      const why = unresolved ? 'the name does not resolve there' : 'the connection failed';
      reject(
        new SshConnectError(
          unresolved ? 'dns' : 'tcp',
          hop,
          target.label,
          `${viaLabel} cannot reach ${describeTarget(target)}: ${why} (${text.replace(/^\(SSH\) /, '')})`,
        ),
      );
    });
  });
}

export function hostKeyError(
  target: SshTarget,
  hop: number,
  seen: SeenHostKey,
  decision: {
    reason: 'unknown' | 'changed';
    expectedFingerprint?: string;
  },
): SshConnectError {
  const where = describeTarget(target);
  const message =
    decision.reason === 'changed'
      ? `Host key of ${where} changed: expected ${decision.expectedFingerprint ?? 'the saved key'}, got ${seen.fingerprint} (${seen.algorithm})`
      : `Host key of ${where} is not trusted yet: ${seen.algorithm} ${seen.fingerprint}`;
  return new SshConnectError('host_key', hop, target.label, message, {
    reason: decision.reason,
    algorithm: seen.algorithm,
    fingerprint: seen.fingerprint,
    publicKey: seen.publicKey,
    ...(decision.expectedFingerprint ? { expectedFingerprint: decision.expectedFingerprint } : {}),
  });
}

export interface ConnectedHop {
  label: string;
  client: Client;
  hostKey: SeenHostKey;
  sock: Duplex;
}

/** SSH handshake, host-key verification and login for one hop over an open stream. */
export function handshake(
  target: SshTarget,
  hop: number,
  sock: Duplex,
  options: HopOptions,
): Promise<ConnectedHop> {
  const key =
    target.auth.type === 'key'
      ? loadPrivateKey(target, hop, target.auth.privateKey, target.auth.passphrase)
      : undefined;
  const auth = new HopAuthenticator(target, key);
  const where = describeTarget(target);
  options.onStep?.({ hop, label: target.label, phase: 'handshake' });

  return new Promise((resolve, reject) => {
    const client = new Client();
    let seen: SeenHostKey | undefined;
    let refusal: SshConnectError | undefined;
    let settled = false;
    const fail = (error: SshConnectError) => {
      if (settled) return;
      settled = true;
      client.end();
      sock.destroy();
      reject(error);
    };
    client.once('ready', () => {
      if (settled || !seen) return;
      settled = true;
      options.onStep?.({ hop, label: target.label, phase: 'ready' });
      resolve({ label: target.label, client, hostKey: seen, sock });
    });
    client.on('error', (error: Error & { level?: string }) => {
      if (refusal) return fail(refusal);
      switch (error.level ?? '') {
        case 'client-authentication':
          return fail(
            new SshConnectError(
              'auth',
              hop,
              target.label,
              `Authentication as ${target.username} on ${target.label} failed: ${auth.failureReason()}`,
            ),
          );
        case 'client-timeout':
          return fail(
            new SshConnectError(
              'timeout',
              hop,
              target.label,
              `${where} did not finish logging in within ${options.readyTimeoutMs / 1000} s`,
            ),
          );
        case 'client-socket':
          return fail(
            new SshConnectError('tcp', hop, target.label, `Connection to ${where} was lost: ${errno(error)}`),
          );
        default:
          return fail(
            new SshConnectError('protocol', hop, target.label, `SSH with ${where} failed: ${error.message}`),
          );
      }
    });
    client.once('close', () => {
      fail(
        refusal ??
          new SshConnectError('protocol', hop, target.label, `${where} closed the connection during login`),
      );
    });
    client.connect({
      sock,
      username: target.username,
      algorithms: ssh2Algorithms(target.legacyAlgorithms),
      readyTimeout: options.readyTimeoutMs,
      keepaliveInterval: options.keepaliveIntervalMs,
      keepaliveCountMax: 3,
      authHandler: auth.handler,
      hostVerifier: (blob: Buffer, verify: (ok: boolean) => void) => {
        let described: SeenHostKey;
        try {
          described = describeHostKey(blob, target.host, target.port, hop);
        } catch {
          refusal = new SshConnectError(
            'protocol',
            hop,
            target.label,
            `${where} sent an unreadable host key`,
          );
          verify(false);
          return;
        }
        options.verifyHostKey(described).then(
          (decision) => {
            if (decision.trust) {
              seen = described;
              options.onStep?.({
                hop,
                label: target.label,
                phase: 'host_key_trusted',
                fingerprint: described.fingerprint,
              });
              options.onStep?.({ hop, label: target.label, phase: 'auth' });
              verify(true);
            } else {
              refusal = hostKeyError(target, hop, described, decision);
              verify(false);
            }
          },
          () => {
            refusal = new SshConnectError(
              'host_key',
              hop,
              target.label,
              `Could not check the host key of ${where}`,
            );
            verify(false);
          },
        );
      },
    });
  });
}
