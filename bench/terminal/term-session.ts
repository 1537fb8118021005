/** One interactive shell reached through some path (ArchNest, OpenSSH, WeTTY), as the bench drives it. */
export interface TermSession {
  readonly system: string;
  /** Process whose tree is charged for the relay's CPU: the web server, or the ssh client for native. */
  readonly cpuPid: number;
  write(text: string): void;
  /** The one data listener (null removes it); called with every chunk as it arrives. */
  onData(listener: ((chunk: Buffer | string) => void) | null): void;
  close(): Promise<void>;
}

export function byteLength(chunk: Buffer | string): number {
  return typeof chunk === 'string' ? Buffer.byteLength(chunk, 'latin1') : chunk.length;
}

/**
 * Resolves when `match` accepts a chunk (with the arrival time), rejects after `timeoutMs`.
 * Replaces the session's listener while it waits.
 */
export function waitForData(
  session: TermSession,
  match: (chunk: Buffer | string) => boolean,
  timeoutMs: number,
  what: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      session.onData(null);
      reject(new Error(`${session.system}: timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    session.onData((chunk) => {
      if (!match(chunk)) return;
      const at = performance.now();
      clearTimeout(timer);
      session.onData(null);
      resolve(at);
    });
  });
}

/** Waits until nothing has arrived for `quietMs` (the prompt is back), at most `maxMs`. */
export async function waitQuiet(session: TermSession, quietMs = 300, maxMs = 15_000): Promise<void> {
  let last = performance.now();
  session.onData(() => {
    last = performance.now();
  });
  const deadline = performance.now() + maxMs;
  while (performance.now() - last < quietMs && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
  }
  session.onData(null);
}
