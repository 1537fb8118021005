import { SshConnectError } from '../ssh';
import {
  DockerOperationError,
  NOT_RUNNING,
  SourceUnavailableError,
  errorText,
  notRunning,
} from './docker-errors';
import { obj, str } from './json-read';

/*
 * dockerode rejects with the HTTP status and Docker's JSON message when the daemon answered, and with
 * a Node error code when it could not be reached. Each becomes one of our three errors, in words.
 */

const UNREACHABLE: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ENOENT: 'there is no Docker socket at that path',
  EACCES: 'permission to the Docker socket was denied',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ETIMEDOUT: 'the connection timed out',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was closed',
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved',
};

const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED|CERT_|HOSTNAME_MISMATCH)/;

export function engineError(error: unknown, label: string, subject: string): Error {
  if (error instanceof SourceUnavailableError || error instanceof DockerOperationError) return error;
  // Docker over SSH dials through an SSH connection; its failure already names the host in words.
  if (error instanceof SshConnectError)
    return new SourceUnavailableError(label, error.message, { cause: error });
  const e = obj(error);
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const code = str(e.code);
  if (status !== undefined) {
    const said = str(obj(e.json).message) ?? str(e.reason) ?? `HTTP ${status}`;
    if (status === 404) return new DockerOperationError('not_found', `${subject} on ${label}: ${said}`);
    if (status === 409 && NOT_RUNNING.test(said)) return notRunning(subject, label);
    if (status === 409 || status === 304)
      return new DockerOperationError('conflict', `${subject} on ${label}: ${said}`);
    return new DockerOperationError('failed', `Docker on ${label} failed (${subject}): ${said}`);
  }
  if (code && UNREACHABLE[code])
    return new SourceUnavailableError(label, `Cannot reach Docker on ${label}: ${UNREACHABLE[code]}.`, {
      cause: error,
    });
  if (code && TLS_CODE.test(code))
    return new SourceUnavailableError(
      label,
      `TLS with Docker on ${label} failed: ${errorText(error)} (the server certificate must be signed by the configured CA).`,
      { cause: error },
    );
  return new SourceUnavailableError(label, `Docker on ${label} could not be asked: ${errorText(error)}`, {
    cause: error,
  });
}
