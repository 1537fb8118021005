import type { TLSSocket } from 'node:tls';
import { certFingerprint } from '../../../server/src/crypto/self-signed-cert';
import {
  enrolProof,
  enrolTokenExpiry,
  proofMatches,
} from '../../../server/src/docker/pull-agent/enrol-proof';
import { ApiRefusal } from './api-routes';
import type { AgentConfig } from './args';
import type { Log } from './agent-server';
import type { StateStore } from './state';

/**
 * `POST /archnest/enrol {proof}` from ArchNest, over TLS with its new client certificate. Runs
 * synchronously from the check to the pin, so two enrolments racing on one token cannot both pass:
 * the first pins and burns the token, the second finds no enrolment open.
 */
export function enrol(config: AgentConfig, store: StateStore, socket: TLSSocket, body: Buffer, log: Log) {
  const state = store.state;
  const token = state.pendingToken;
  const raw = socket.getPeerCertificate()?.raw;
  const client = raw ? certFingerprint(raw) : undefined;
  if (!token) {
    log({ event: 'enrol-refused', reason: 'no_enrolment_open', peer: client ?? null });
    throw new ApiRefusal(
      409,
      'no_enrolment_open',
      'This agent has no enrolment open; start it with a new ARCHNEST_ENROL_TOKEN.',
    );
  }
  const expiry = enrolTokenExpiry(token);
  if (!expiry || expiry.getTime() < Date.now()) {
    log({ event: 'enrol-refused', reason: 'enrolment_expired', peer: client ?? null });
    throw new ApiRefusal(
      410,
      'enrolment_expired',
      'The enrolment token has expired; create a new one in ArchNest.',
    );
  }
  if (!client)
    throw new ApiRefusal(
      401,
      'client_certificate_required',
      'Enrolment needs the client certificate ArchNest will use.',
    );
  let proof: unknown;
  try {
    proof = (JSON.parse(body.toString('utf8')) as { proof?: unknown }).proof;
  } catch {
    throw new ApiRefusal(400, 'invalid_request', 'The body is not JSON.');
  }
  if (!proofMatches(enrolProof(token, 'archnest', state.fingerprint, client), proof)) {
    log({ event: 'enrol-refused', reason: 'invalid_proof', peer: client });
    throw new ApiRefusal(
      401,
      'invalid_proof',
      'The enrolment proof does not match this agent’s token and certificates.',
    );
  }
  const answer = {
    proof: enrolProof(token, 'agent', state.fingerprint, client),
    fingerprint: state.fingerprint,
    monitorOnly: config.monitorOnly,
    execEnabled: config.allowExec && !config.monitorOnly,
  };
  store.enrolled(client);
  log({ event: 'enrolled', peer: client, agent: state.fingerprint });
  return answer;
}
