/** Output waiting for a flush is sent at once past this size. */
export const BATCH_MAX_BYTES = 64 * 1024;
/**
 * A chunk at least this big is a frame by itself: joining it to others saves little per-frame work
 * and costs a copy into a fresh buffer, and those buffers, at tens of MB/s, are what drives the
 * server's full garbage collections (a termproxy console delivers output as 16 KiB messages).
 */
export const WHOLE_FRAME_BYTES = 16 * 1024;
/** A flush at least this big means the shell is streaming (a build log, `cat` of a file, a flood). */
const STREAMING_MIN_BYTES = 2 * 1024;
/** …as long as the next output arrives within this long of it. */
const STREAMING_GAP_MS = 20;
/** While streaming, output is gathered this long before it is sent. */
const STREAMING_WINDOW_MS = 4;

/**
 * During a gather the transport is asked to wait (not read) while what arrives meanwhile stays under
 * this: the kernel then holds it without stalling the sender (a loopback socket advertises ~64 KiB
 * before its buffer grows). The gather is shortened to fit; below 1 ms (output faster than ~48 MB/s,
 * which arrives in large reads anyway) the transport keeps reading.
 */
const GATHER_HOLD_MAX_BYTES = 48 * 1024;
const GATHER_HOLD_MIN_MS = 1;

/** Told when a streaming gather starts and ends, so the transport can wait instead of reading. */
export interface GatherHooks {
  start(): void;
  end(): void;
}

const NO_HOOKS: GatherHooks = { start() {}, end() {} };

/**
 * Gathers terminal output into WebSocket frames. ssh2 emits one event per SSH packet, behind a pty
 * often a few hundred bytes; every frame costs a writev on the socket, a browser message and an ack
 * check. Output after a quiet spell (a keystroke's echo) leaves at the end of the event-loop turn, so
 * typing feels as direct as native ssh; while a big output is streaming it is gathered for a few
 * milliseconds, well under one screen refresh, which cuts frames (and server CPU) several-fold.
 * Output that already comes in whole-frame pieces (WHOLE_FRAME_BYTES) is passed on as it is.
 */
export class OutputBatcher {
  private chunks: Buffer[] = [];
  private bytes = 0;
  private immediate: NodeJS.Immediate | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastFlushAt = -Infinity;
  private lastFlushBytes = 0;
  private rateSince = -Infinity;
  private rateBytes = 0;
  private bytesPerMs = 0;
  /** The transport was asked to wait for the current gather. */
  private holding = false;

  constructor(
    private readonly send: (frame: Buffer) => void,
    private readonly now: () => number = () => performance.now(),
    private readonly gathering: GatherHooks = NO_HOOKS,
  ) {}

  push(chunk: Buffer): void {
    const now = this.now();
    this.measureRate(chunk.length, now);
    if (chunk.length >= WHOLE_FRAME_BYTES) {
      // What was gathered before it goes first, so the order holds.
      this.flush();
      this.sendFrame(chunk);
      return;
    }
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    if (this.bytes >= BATCH_MAX_BYTES) {
      this.flush();
      return;
    }
    if (this.immediate || this.timer) return;
    const streaming = this.lastFlushBytes >= STREAMING_MIN_BYTES && now - this.lastFlushAt < STREAMING_GAP_MS;
    if (!streaming) {
      this.immediate = setImmediate(() => this.flush());
      return;
    }
    const holdMs = Math.min(STREAMING_WINDOW_MS, Math.floor(GATHER_HOLD_MAX_BYTES / this.bytesPerMs));
    if (holdMs >= GATHER_HOLD_MIN_MS) {
      this.timer = setTimeout(() => this.flush(), holdMs);
      this.holding = true;
      this.gathering.start();
    } else this.timer = setTimeout(() => this.flush(), STREAMING_WINDOW_MS);
  }

  /** The output rate over the last gather window or more (bursts after a held read included). */
  private measureRate(bytes: number, now: number): void {
    const elapsed = now - this.rateSince;
    if (elapsed >= STREAMING_WINDOW_MS) {
      this.bytesPerMs = this.rateBytes / elapsed;
      this.rateSince = now;
      this.rateBytes = 0;
    }
    this.rateBytes += bytes;
  }

  /** Sends what is gathered now. */
  flush(): void {
    const { chunks, bytes } = this;
    this.drop();
    if (bytes === 0) return;
    this.sendFrame(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, bytes));
  }

  private sendFrame(frame: Buffer): void {
    this.lastFlushAt = this.now();
    this.lastFlushBytes = frame.length;
    this.send(frame);
  }

  /** Forgets what is gathered (its socket went away; the replay buffer has it). */
  drop(): void {
    clearImmediate(this.immediate);
    this.immediate = undefined;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.holding) {
      this.holding = false;
      this.gathering.end();
    }
    this.chunks = [];
    this.bytes = 0;
  }
}
