import { SourceUnavailableError } from './docker-errors';

/**
 * Runs one source call with a deadline. A host that is down or slow must not hold a page (or a
 * fan-out over many hosts) hostage: past the deadline the call is aborted through `signal` and fails
 * with a plain per-host message.
 */
export async function withTimeout<T>(
  label: string,
  what: string,
  timeoutMs: number,
  run: (signal: AbortSignal) => Promise<T>,
  /** For calls that open something (a log stream, a shell): closes what arrives after the deadline. */
  dispose?: (late: T) => void,
): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(
        new SourceUnavailableError(
          label,
          `Docker on ${label} did not answer within ${formatSeconds(timeoutMs)} (${what}).`,
        ),
      );
    }, timeoutMs);
  });
  const running = run(controller.signal);
  if (dispose)
    running.then(
      (value) => {
        if (controller.signal.aborted) dispose(value);
      },
      () => undefined,
    );
  try {
    return await Promise.race([running, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
