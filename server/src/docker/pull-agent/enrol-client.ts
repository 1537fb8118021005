import tls from 'node:tls';
import { certFingerprint, derToPem, type KeyAndCert } from '../../crypto/self-signed-cert';
import { enrolProof, proofMatches } from './enrol-proof';

export interface EnrolResult {
  agentCertPem: string;
  agentFingerprint: string;
  clientFingerprint: string;
  monitorOnly: boolean;
  execEnabled: boolean;
}

/** Why an enrolment did not happen, with the code the route answers. */
export class EnrolError extends Error {
  constructor(
    readonly code: 'agent_unreachable' | 'agent_refused' | 'agent_unverified',
    message: string,
  ) {
    super(message);
  }
}

/**
 * ArchNest's side of enrolment: one TLS 1.3 connection to the agent presenting the new client
 * certificate, a proof that ArchNest holds the token, and the agent's proof back. Both proofs bind the
 * two certificates of this very connection, so the agent certificate recorded here is the one the
 * token holder answered from.
 */
export function enrolWithAgent(
  address: { host: string; port: number },
  client: KeyAndCert,
  token: string,
  timeoutMs: number,
): Promise<EnrolResult> {
  return new Promise((resolve, reject) => {
    const clientFingerprint = certFingerprint(client.certPem);
    const socket = tls.connect({
      host: address.host,
      port: address.port,
      cert: client.certPem,
      key: client.keyPem,
      minVersion: 'TLSv1.3',
      maxVersion: 'TLSv1.3',
      // Nothing is pinned yet: the proofs below decide whether this is the agent holding the token.
      rejectUnauthorized: false,
    });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(
        new EnrolError(
          'agent_unreachable',
          `The agent at ${address.host}:${address.port} did not answer within ${timeoutMs / 1000} s.`,
        ),
      );
    }, timeoutMs);
    socket.once('error', (error: Error) => {
      clearTimeout(timer);
      reject(
        new EnrolError(
          'agent_unreachable',
          `Cannot reach the agent at ${address.host}:${address.port}: ${error.message}`,
        ),
      );
    });
    socket.once('secureConnect', () => {
      const raw = socket.getPeerCertificate().raw as Buffer | undefined;
      if (!raw) {
        socket.destroy();
        return reject(new EnrolError('agent_unverified', 'The agent presented no certificate.'));
      }
      const agentFingerprint = certFingerprint(raw);
      const body = JSON.stringify({
        proof: enrolProof(token, 'archnest', agentFingerprint, clientFingerprint),
      });
      socket.write(
        `POST /archnest/enrol HTTP/1.1\r\nHost: agent\r\nContent-Type: application/json\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      socket.once('end', () => {
        clearTimeout(timer);
        const text = Buffer.concat(chunks).toString('utf8');
        const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
        const json = parseJson(text.slice(text.indexOf('\r\n\r\n') + 4));
        if (status !== 200) {
          const said = typeof json.message === 'string' ? json.message : `HTTP ${status || '?'}`;
          return reject(new EnrolError('agent_refused', `The agent refused the enrolment: ${said}`));
        }
        if (!proofMatches(enrolProof(token, 'agent', agentFingerprint, clientFingerprint), json.proof))
          return reject(
            new EnrolError(
              'agent_unverified',
              'The agent could not prove it holds the enrolment token; nothing was pinned.',
            ),
          );
        resolve({
          agentCertPem: derToPem(raw),
          agentFingerprint,
          clientFingerprint,
          monitorOnly: json.monitorOnly === true,
          execEnabled: json.execEnabled === true,
        });
      });
    });
  });
}

function parseJson(text: string): Record<string, unknown> {
  try {
    // The agent answers with Content-Length; a chunked answer is not expected here.
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
