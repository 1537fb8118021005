import { TERMINAL_HIGH_WATERMARK, TERMINAL_LOW_WATERMARK } from '@archnest/contract';

/** What flow control needs from the browser side: how much is queued in the socket. */
export interface Outlet {
  bufferedAmount(): number;
}

/**
 * Credit-based backpressure. Output counts as in flight from the moment it is sent until the
 * browser acknowledges having rendered it; past the high watermark (or with the socket's own queue
 * past it) the SSH channel stops being read, and below the low watermark it is read again. The
 * remote side then blocks on its own window, so memory stays bounded on both ends.
 */
export class FlowControl {
  private inFlight = 0;
  private paused = false;

  constructor(
    private readonly pause: () => void,
    private readonly resume: () => void,
    private readonly high = TERMINAL_HIGH_WATERMARK,
    private readonly low = TERMINAL_LOW_WATERMARK,
  ) {}

  sent(bytes: number, outlet: Outlet): void {
    this.inFlight += bytes;
    if (!this.paused && (this.inFlight >= this.high || outlet.bufferedAmount() >= this.high)) {
      this.paused = true;
      this.pause();
    }
  }

  acknowledged(bytes: number, outlet: Outlet): void {
    this.inFlight = Math.max(0, this.inFlight - bytes);
    this.maybeResume(outlet);
  }

  /** Called when the socket drains or goes away. */
  maybeResume(outlet: Outlet | null): void {
    if (!this.paused) return;
    const queued = outlet ? outlet.bufferedAmount() : 0;
    if (this.inFlight <= this.low && queued <= this.low) {
      this.paused = false;
      this.resume();
    }
  }

  /** A new socket starts with nothing in flight (the old one's bytes will never be acked). */
  reset(): void {
    this.inFlight = 0;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  get unacknowledged(): number {
    return this.inFlight;
  }
}
