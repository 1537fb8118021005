import type { Duplex } from 'node:stream';
import { Client } from 'ssh2';
import { ssh2Algorithms } from './algorithms';
import { SshConnectError } from './ssh-connect-error';
import { describeTarget, type SshTarget } from './ssh-target';

/**
 * Runs a key exchange only, to learn the server's host key without logging in: the key is captured
 * and then refused, which ends the connection before any authentication is attempted.
 */
export function probeHostKey(
  target: SshTarget,
  hop: number,
  sock: Duplex,
  timeoutMs: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let key: Buffer | undefined;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      client.end();
      sock.destroy();
      if (key) resolve(key);
      else
        reject(
          new SshConnectError(
            'protocol',
            hop,
            target.label,
            `${describeTarget(target)} did not present a host key`,
          ),
        );
    };
    client.on('error', finish);
    client.on('close', finish);
    client.connect({
      sock,
      username: target.username,
      algorithms: ssh2Algorithms(target.legacyAlgorithms),
      readyTimeout: timeoutMs,
      hostVerifier: (blob: Buffer) => {
        key = Buffer.from(blob);
        return false;
      },
    });
  });
}
