import type { Duplex } from 'node:stream';

/**
 * Why a connection's socket is not being read:
 * - `backpressure`: the reader of the connection's only channel is slower than the shell;
 * - `gathering`: output is being gathered into one frame for a few milliseconds anyway.
 */
export type HoldReason = 'backpressure' | 'gathering';

/**
 * Stops reading a connection's socket while its only channel does not want output yet.
 *
 * Pausing the ssh2 channel alone stops its window adjustments, but the remote may still send the rest
 * of the window (2 MiB in ssh2, not configurable) and ssh2 keeps every packet of it in the channel's
 * buffer. Behind a browser that renders slower than the shell prints, those packets wait long enough
 * to reach V8's old generation and are freed only by a full collection: that was most of the server's
 * memory growth under a flood. Holding the socket as well leaves the unread output in the kernel's
 * socket buffers, where native ssh leaves it too.
 *
 * While output streams it is gathered for a few milliseconds before it is sent; holding the socket
 * for that time too means one read of everything that arrived instead of a wake-up per SSH packet
 * (a pty sends a few KiB at a time), which is most of a relay's CPU per MB.
 *
 * A hold is bounded. Keepalive replies queue behind held output, so a backpressure hold ends after
 * `maxMs` (the keepalive interval; the connection is dropped only after several unanswered ones),
 * taking any gathering hold with it: a paused channel stays paused, and the rest of its window
 * arrives into ssh2's buffer as it did without a hold. A gathering hold lasts a few milliseconds and
 * is always ended by its gather.
 */
export class TransportHold {
  private timer: NodeJS.Timeout | undefined;
  private readonly reasons = new Set<HoldReason>();

  constructor(
    private readonly socket: Duplex,
    private readonly maxMs: number,
  ) {}

  get isHeld(): boolean {
    return this.reasons.size > 0;
  }

  hold(reason: HoldReason): void {
    if (this.reasons.has(reason) || this.socket.destroyed) return;
    this.reasons.add(reason);
    if (reason === 'backpressure') {
      this.timer = setTimeout(() => this.releaseAll(), this.maxMs);
      this.timer.unref();
    }
    if (this.reasons.size === 1) this.socket.pause();
  }

  release(reason: HoldReason): void {
    if (!this.reasons.delete(reason)) return;
    if (reason === 'backpressure') clearTimeout(this.timer);
    if (this.reasons.size === 0) this.socket.resume();
  }

  releaseAll(): void {
    if (this.reasons.size === 0) return;
    this.reasons.clear();
    clearTimeout(this.timer);
    this.socket.resume();
  }
}
