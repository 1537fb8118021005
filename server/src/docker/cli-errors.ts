import { SshConnectError, SshExecError } from '../ssh';
import {
  DockerInputError,
  DockerOperationError,
  NOT_RUNNING,
  SourceUnavailableError,
  errorText,
  notRunning,
} from './docker-errors';

/*
 * The docker (or podman) CLI reports everything on stderr with an exit status; these patterns turn
 * the common answers into the same errors the Engine API source gives. Anything else is passed on
 * as Docker's own last line.
 */

const UNREACHABLE = [
  /Cannot connect to the Docker daemon/i,
  /Is the docker daemon running/i,
  /permission denied while trying to connect/i,
  /unable to connect to Podman/i,
  /error during connect/i,
  // `docker system dial-stdio` when the daemon's socket cannot be opened
  /failed to open the raw stream connection/i,
];
const NOT_FOUND = [/No such container/i, /no container with (name or )?ID/i, /No such object/i];
const CONFLICT = [
  /is not running/i,
  /is already paused/i,
  /is not paused/i,
  /cannot remove a running container/i,
  /You cannot remove a running container/i,
  /Conflict/i,
  /is paused/i,
];

export function lastLine(text: string): string {
  const line = text.trim().split('\n').at(-1)?.trim() ?? '';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

export function cliFailure(
  label: string,
  binary: string,
  subject: string,
  code: number | null,
  stderr: string,
): Error {
  const said = lastLine(stderr);
  // 127: the login shell found no such command; 126: found but not executable.
  if (code === 127 || code === 126)
    return new SourceUnavailableError(
      label,
      `${binary} is not installed on ${label} (or not on the login PATH).`,
    );
  if (UNREACHABLE.some((p) => p.test(stderr)))
    return new SourceUnavailableError(label, `${binary} on ${label} cannot reach its daemon: ${said}`);
  if (NOT_FOUND.some((p) => p.test(stderr)))
    return new DockerOperationError('not_found', `${subject} on ${label}: ${said}`);
  if (NOT_RUNNING.test(said)) return notRunning(subject, label);
  if (CONFLICT.some((p) => p.test(stderr)))
    return new DockerOperationError('conflict', `${subject} on ${label}: ${said}`);
  return new DockerOperationError(
    'failed',
    `${binary} on ${label} failed (${subject}, exit ${code ?? 'signal'}): ${said || 'no message'}`,
  );
}

/** Transport failures (connect, host key, auth, a dropped channel) as a per-host unavailability. */
export function transportFailure(error: unknown, label: string, timeoutMs: number): Error {
  if (
    error instanceof DockerInputError ||
    error instanceof DockerOperationError ||
    error instanceof SourceUnavailableError
  )
    return error;
  if (error instanceof SshConnectError)
    // Its message already names the host (and the hop, in a jump chain) in plain words.
    return new SourceUnavailableError(label, error.message, { cause: error });
  if (error instanceof SshExecError && error.reason === 'timeout')
    return new SourceUnavailableError(
      label,
      `Docker on ${label} did not answer within ${timeoutMs / 1000} s.`,
      {
        cause: error,
      },
    );
  return new SourceUnavailableError(
    label,
    `Docker on ${label} could not be asked over SSH: ${errorText(error)}`,
    {
      cause: error,
    },
  );
}
