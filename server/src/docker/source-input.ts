import {
  CONTAINER_ACTIONS,
  EXEC_SHELLS,
  type ContainerAction,
  type ExecOptions,
  type ExecShell,
  type LogOptions,
} from './container-source';
import { DockerInputError } from './docker-errors';

/*
 * Every value besides a container reference that a caller hands a source, checked the same way for
 * both sources before anything is sent. Inputs may come straight from a request at run time, so the
 * checks do not trust the static types.
 */

export const DEFAULT_LOG_TAIL = 200;
export const MAX_LOG_TAIL = 10_000;

export function checkTail(tail: unknown): number | 'all' {
  if (tail === undefined) return DEFAULT_LOG_TAIL;
  if (tail === 'all') return 'all';
  if (typeof tail !== 'number' || !Number.isInteger(tail) || tail < 0 || tail > MAX_LOG_TAIL)
    throw new DockerInputError(
      `The log tail must be a whole number from 0 to ${MAX_LOG_TAIL}, or "all"; got ${describe(tail)}.`,
    );
  return tail;
}

export function checkLogOptions(options: LogOptions = {}): { tail: number | 'all'; timestamps: boolean } {
  if (options.timestamps !== undefined && typeof options.timestamps !== 'boolean')
    throw new DockerInputError('"timestamps" must be true or false.');
  return { tail: checkTail(options.tail), timestamps: options.timestamps === true };
}

export function checkAction(action: unknown): ContainerAction {
  if (!(CONTAINER_ACTIONS as readonly unknown[]).includes(action))
    throw new DockerInputError(
      `Unknown container action ${describe(action)}; use one of ${CONTAINER_ACTIONS.join(', ')}.`,
    );
  return action as ContainerAction;
}

function checkSize(value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 1000)
    throw new DockerInputError(`The terminal ${what} must be a whole number from 1 to 1000.`);
  return value;
}

export function checkExecOptions(options: ExecOptions): { cols: number; rows: number; shell: ExecShell } {
  const shell = options.shell ?? 'sh';
  if (!(EXEC_SHELLS as readonly unknown[]).includes(shell))
    throw new DockerInputError(`Unknown shell ${describe(shell)}; use one of ${EXEC_SHELLS.join(', ')}.`);
  return { cols: checkSize(options.cols, 'width'), rows: checkSize(options.rows, 'height'), shell };
}

export function checkTimeout(timeoutMs: unknown): number {
  if (timeoutMs === undefined) return 5000;
  if (typeof timeoutMs !== 'number' || !Number.isInteger(timeoutMs) || timeoutMs < 100 || timeoutMs > 120_000)
    throw new DockerInputError('A Docker timeout must be a whole number of milliseconds from 100 to 120000.');
  return timeoutMs;
}

/** A refused value shown back: JSON-escaped (no raw control characters) and cut short. */
function describe(value: unknown): string {
  const text = JSON.stringify(value) ?? typeof value;
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
