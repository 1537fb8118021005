/*
 * The three ways a container source call can fail, so a route can answer each the right way: the
 * host could not be asked (503-ish, per host), the request was refused before anything ran (400), or
 * Docker itself said no (404 / 409 / 500). Messages are plain sentences for the user.
 */

/** The host is down, slow, unreachable, or its Docker cannot be reached from the transport. */
export class SourceUnavailableError extends Error {
  override readonly name = 'SourceUnavailableError';
  constructor(
    readonly label: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Bad input (a container reference, a log tail, an option) refused before anything was sent. */
export class DockerInputError extends Error {
  override readonly name = 'DockerInputError';
}

/**
 * `in_use`: containers use the object (the message names them); `unsupported`: the host is reached
 * through a path that cannot do this (the CLI fallback, a read-only agent); `shell_missing`: the exec
 * console's chosen shell is not in the container's image.
 */
export type DockerFailure = 'not_found' | 'conflict' | 'in_use' | 'unsupported' | 'failed' | 'shell_missing';

/** Docker answered, and the answer was no. */
export class DockerOperationError extends Error {
  override readonly name = 'DockerOperationError';
  constructor(
    readonly failure: DockerFailure,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Docker's "container <64-hex id> is not running" as a sentence about the container the user named:
 * the subject is `Container <ref>` with the reference as given (usually the name).
 */
export function notRunning(subject: string, label: string): DockerOperationError {
  return new DockerOperationError('conflict', `${subject} on ${label} is not running.`);
}

export const NOT_RUNNING = /is not running/i;

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The chosen console shell is not in the image (exit 126/127, or Docker's "executable file not found"). */
export function shellMissing(shell: string, subject: string, label: string): DockerOperationError {
  return new DockerOperationError(
    'shell_missing',
    `${shell} is not installed in ${subject} on ${label}; choose another shell (sh is the most common).`,
  );
}
