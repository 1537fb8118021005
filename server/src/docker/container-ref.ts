import { DockerInputError } from './docker-errors';

/*
 * Container names and ids as Docker itself allows them (a letter or digit, then letters, digits,
 * `_`, `.` or `-`). Anything else is refused before a request is built, so a reference can never be
 * read as an option (`-rf`, `--help`) or carry shell syntax to a remote command line.
 */
const CONTAINER_REF = /^[a-zA-Z0-9][a-zA-Z0-9_.-]{0,127}$/;

export function checkContainerRef(ref: unknown): string {
  if (typeof ref !== 'string' || ref.length === 0)
    throw new DockerInputError('A container name or id is required.');
  if (ref.startsWith('-'))
    throw new DockerInputError(
      `"${printable(ref)}" is not a container name or id: it cannot start with "-".`,
    );
  if (!CONTAINER_REF.test(ref))
    throw new DockerInputError(
      `"${printable(ref)}" is not a container name or id: use 1–128 letters, digits, "_", "." or "-", starting with a letter or digit.`,
    );
  return ref;
}

/** The refused text shown back in an error: control characters escaped, and cut short. */
function printable(text: string): string {
  const escaped = JSON.stringify(text).slice(1, -1);
  return escaped.length > 60 ? `${escaped.slice(0, 60)}…` : escaped;
}
