import { statusBytes, watchRss } from '../lib/proc-stats';
import type { ArchNestServer } from './archnest-target';

export interface FloodResult {
  baselineRss: number;
  peakRss: number;
  /** VmHWM after resetting it at the start (NaN if the kernel would not reset it). */
  hwm: number;
  receivedBytes: number;
  seconds: number;
}

/**
 * A browser that renders ~1 MB/s is sent a flood: ArchNest must hold the SSH channel instead of
 * queueing the flood in memory. RSS of the server is polled every 100 ms for `seconds`, then the
 * flood is interrupted and the pane closed.
 */
export async function slowClientFlood(
  server: ArchNestServer,
  command: string,
  seconds: number,
): Promise<FloodResult> {
  const pane = await server.openPane({ bytesPerSecond: 1_000_000 });
  try {
    await new Promise((r) => setTimeout(r, 500));
    const baselineRss = statusBytes(server.pid, 'VmRSS');
    const watch = watchRss(server.pid);
    const t0 = performance.now();
    pane.type(`${command}\r`);
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const { peakRss, hwm } = watch.stop();
    const receivedBytes = pane.received;
    const elapsed = (performance.now() - t0) / 1000;
    pane.type('\x03');
    // Let the rest drain so the shell sees Ctrl-C; bounded.
    for (let i = 0; i < 50; i++) {
      pane.ackAll();
      await new Promise((r) => setTimeout(r, 100));
    }
    return { baselineRss, peakRss, hwm, receivedBytes, seconds: elapsed };
  } finally {
    await pane.close();
  }
}
