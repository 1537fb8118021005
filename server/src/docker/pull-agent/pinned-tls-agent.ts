import http from 'node:http';
import type { Socket } from 'node:net';
import tls from 'node:tls';
import { certFingerprint } from '../../crypto/self-signed-cert';
import { SourceUnavailableError } from '../docker-errors';

export interface PinnedTlsOptions {
  label: string;
  host: string;
  port: number;
  /** ArchNest's client certificate and key for this agent. */
  cert: string;
  key: string;
  /** The agent certificate's fingerprint as pinned at enrolment. */
  pinned: string;
  connectTimeoutMs: number;
}

/** A changed agent key: both fingerprints go into the message, and nothing is sent to the impostor. */
export class PinMismatchError extends SourceUnavailableError {
  constructor(label: string, presented: string, pinned: string) {
    super(
      label,
      `The pull agent ${label} presented certificate ${presented}, but ${pinned} was pinned at enrolment; ` +
        'nothing was sent. If the agent’s key really changed, remove the host and enrol the agent again.',
    );
  }
}

/**
 * An HTTP agent whose connections are mutual TLS 1.3 to one pull agent. The agent's certificate is
 * self-signed, so it is not checked against a CA but against the pin: the socket is handed to the
 * HTTP client only after the presented certificate matched, so no request byte reaches another peer.
 */
export class PinnedTlsAgent extends http.Agent {
  constructor(private readonly options: PinnedTlsOptions) {
    super({ keepAlive: true, maxSockets: 32, maxFreeSockets: 8 });
  }

  override createConnection(
    _options: http.ClientRequestArgs,
    callback?: (error: Error | null, socket: Socket) => void,
  ): undefined {
    const { host, port, cert, key, pinned, label, connectTimeoutMs } = this.options;
    const socket = tls.connect({
      host,
      port,
      cert,
      key,
      minVersion: 'TLSv1.3',
      maxVersion: 'TLSv1.3',
      // Trust comes from the pin checked below, not from a CA: the certificate is self-signed.
      rejectUnauthorized: false,
      ...(net4or6(host) ? {} : { servername: host }),
    });
    // Keystrokes of an exec console are tiny writes: no Nagle delay on them.
    socket.setNoDelay(true);
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      callback?.(error, undefined as unknown as Socket);
    };
    const timer = setTimeout(
      () => fail(Object.assign(new Error('the TLS handshake timed out'), { code: 'ETIMEDOUT' })),
      connectTimeoutMs,
    );
    socket.once('error', (error: Error) => {
      clearTimeout(timer);
      fail(error);
    });
    socket.once('secureConnect', () => {
      clearTimeout(timer);
      const raw = socket.getPeerCertificate().raw as Buffer | undefined;
      const presented = raw ? certFingerprint(raw) : 'no certificate';
      if (presented !== pinned) return fail(new PinMismatchError(label, presented, pinned));
      if (settled) return;
      settled = true;
      callback?.(null, socket);
    });
    return undefined;
  }

  override keepSocketAlive(socket: Socket): boolean {
    socket.setTimeout(30_000);
    return true;
  }

  override reuseSocket(socket: Socket, request: http.ClientRequest): void {
    socket.setTimeout(0);
    super.reuseSocket(socket, request);
  }
}

function net4or6(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(':');
}
