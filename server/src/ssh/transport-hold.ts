import type { Duplex } from 'node:stream';

/**
 * Stops reading a connection's socket while the reader of its only channel is slower than the shell.
 *
 * Pausing the ssh2 channel alone stops its window adjustments, but the remote may still send the rest
 * of the window (2 MiB in ssh2, not configurable) and ssh2 keeps every packet of it in the channel's
 * buffer. Behind a browser that renders slower than the shell prints, those packets wait long enough
 * to reach V8's old generation and are freed only by a full collection: that was most of the server's
 * memory growth under a flood. Holding the socket as well leaves the unread output in the kernel's
 * socket buffers, where native ssh leaves it too.
 *
 * A hold is bounded. Keepalive replies queue behind the held output, so a hold ends after `maxMs` (the
 * keepalive interval; the connection is dropped only after several unanswered ones): the channel
 * stays paused and the rest of its window arrives into ssh2's buffer as it did without a hold.
 */
export class TransportHold {
  private timer: NodeJS.Timeout | undefined;
  private held = false;

  constructor(
    private readonly socket: Duplex,
    private readonly maxMs: number,
  ) {}

  get isHeld(): boolean {
    return this.held;
  }

  hold(): void {
    if (this.held || this.socket.destroyed) return;
    this.held = true;
    this.socket.pause();
    this.timer = setTimeout(() => this.release(), this.maxMs);
    this.timer.unref();
  }

  release(): void {
    if (!this.held) return;
    this.held = false;
    clearTimeout(this.timer);
    this.socket.resume();
  }
}
