import { X509Certificate } from 'node:crypto';
import https from 'node:https';
import net from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import type { PresentedCertificate } from '@archnest/contract';
import { IntegrationError } from './integration-error';

/** Per-instance trust: a pinned leaf fingerprint, or a CA added to the system's roots, or neither. */
export interface IntegrationTls {
  /** `AB:CD:…` upper-case, as the contract normalises it. */
  pinnedSha256: string | null;
  ca: string | null;
}

const oneLine = (dn: string) => dn.split('\n').filter(Boolean).join(', ');

export function describeCertificate(raw: Buffer): PresentedCertificate {
  const x509 = new X509Certificate(raw);
  return {
    sha256: x509.fingerprint256,
    subject: oneLine(x509.subject),
    issuer: oneLine(x509.issuer),
    validFrom: new Date(x509.validFrom).toISOString(),
    validTo: new Date(x509.validTo).toISOString(),
    selfSigned: x509.checkIssued(x509) && x509.verify(x509.publicKey),
  };
}

const serverName = (host: string) => (net.isIP(host) ? undefined : host);

/**
 * The pin replaces chain verification, so this is the one place with `rejectUnauthorized: false`:
 * the live socket's leaf is compared in `secureConnect` and the socket reaches the HTTP request only
 * when it matches, so no request byte is written to an unpinned server. Sessions are never resumed
 * (the agent caches none and the session option is dropped), so every connection shows its leaf.
 */
class PinnedAgent extends https.Agent {
  constructor(private readonly pin: string) {
    super({ keepAlive: true, maxCachedSessions: 0 });
  }

  override createConnection(
    options: https.RequestOptions,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | undefined {
    const host = options.host ?? 'localhost';
    const { session: _ignored, ...rest } = options as tls.ConnectionOptions;
    const socket = tls.connect({
      ...rest,
      host,
      servername: serverName(host),
      rejectUnauthorized: false,
    });
    let done = false;
    const finish = (err: Error | null) => {
      if (done) return;
      done = true;
      if (err) {
        socket.destroy();
        callback?.(err, socket);
      } else callback?.(null, socket);
    };
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      if (!cert.raw || cert.fingerprint256 !== this.pin) {
        const presented = cert.raw ? describeCertificate(cert.raw) : null;
        finish(
          new IntegrationError(
            'tls_pin_mismatch',
            `The server presented certificate ${presented?.sha256 ?? '(none)'}, not the pinned ${this.pin}.`,
            presented,
          ),
        );
      } else finish(null);
    });
    socket.once('error', (err: Error) => finish(err));
    return undefined;
  }
}

/** An agent that verifies as the instance says; nothing here ever turns verification off for others. */
export function trustAgent(trust: IntegrationTls): https.Agent {
  if (trust.pinnedSha256) return new PinnedAgent(trust.pinnedSha256);
  return new https.Agent({
    keepAlive: true,
    ...(trust.ca ? { ca: [...tls.rootCertificates, trust.ca] } : {}),
  });
}

const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export function isUntrustedError(err: unknown): err is Error & { code: string } {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && UNTRUSTED.has(code);
}

/**
 * After a verification failure, reads what the server presents so the admin can compare and pin it.
 * Only the handshake runs: the socket is closed before any application byte is sent.
 */
export function probeCertificate(
  host: string,
  port: number,
  signal: AbortSignal,
): Promise<PresentedCertificate | null> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host, port, servername: serverName(host), rejectUnauthorized: false });
    const end = (value: PresentedCertificate | null) => {
      signal.removeEventListener('abort', onAbort);
      socket.destroy();
      resolve(value);
    };
    const onAbort = () => end(null);
    signal.addEventListener('abort', onAbort);
    socket.once('secureConnect', () => {
      const raw = socket.getPeerCertificate().raw as Buffer | undefined;
      end(raw ? describeCertificate(raw) : null);
    });
    socket.once('error', () => end(null));
  });
}
