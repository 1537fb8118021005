import type { GuestPowerActions, StartedTask } from '../../integrations/integration';
import { isTaskSuccess } from '../../integrations/proxmox/proxmox-upid';

export const LOG_LINES = 20;

export interface FollowTiming {
  /** Between two reads of the task's status. */
  pollMs: number;
  /** Each read's bound. */
  readTimeoutMs: number;
  /** Give up (outcome `lost`) after this long, or after this many failed reads in a row. */
  maxFollowMs: number;
  maxFailures: number;
}

export interface FollowUpdate {
  exitStatus: string | null;
  log: string[];
}

export type FollowOutcome = { state: 'ok' | 'failed' | 'lost'; exitStatus: string | null; log: string[] };

/** Waits `ms`, or less when `signal` aborts; leaves no listener behind either way. */
const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });

/** A signal that aborts with `stop` or after `ms`; `release()` detaches it from `stop`. */
function bounded(stop: AbortSignal, ms: number): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const abort = () => controller.abort();
  const timer = setTimeout(abort, ms);
  stop.addEventListener('abort', abort, { once: true });
  return {
    signal: controller.signal,
    release: () => {
      clearTimeout(timer);
      stop.removeEventListener('abort', abort);
    },
  };
}

/**
 * Reads a hypervisor task until it stops: its status, then its last log lines, reporting each change.
 * Only `OK` and `WARNINGS: N` count as success. Stopping (server shutdown) ends it as `lost`.
 */
export async function followTask(
  actions: GuestPowerActions,
  task: StartedTask,
  timing: FollowTiming,
  stop: AbortSignal,
  onUpdate: (update: FollowUpdate) => void,
): Promise<FollowOutcome> {
  const deadline = Date.now() + timing.maxFollowMs;
  let failures = 0;
  let log: string[] = [];
  while (!stop.aborted && Date.now() < deadline) {
    await sleep(timing.pollMs, stop);
    if (stop.aborted) break;
    const { signal, release } = bounded(stop, timing.readTimeoutMs);
    try {
      const progress = await actions.taskProgress(task, signal);
      const lines = await actions.taskLog(task, LOG_LINES, signal);
      failures = 0;
      if (lines.join('\n') !== log.join('\n')) {
        log = lines;
        if (progress.running) onUpdate({ exitStatus: null, log });
      }
      if (!progress.running) {
        return {
          state: isTaskSuccess(progress.exitStatus) ? 'ok' : 'failed',
          exitStatus: progress.exitStatus,
          log,
        };
      }
    } catch {
      failures += 1;
      if (failures >= timing.maxFailures) break;
    } finally {
      release();
    }
  }
  return { state: 'lost', exitStatus: null, log };
}
