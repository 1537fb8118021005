/** Output waiting for a flush is sent at once past this size. */
export const BATCH_MAX_BYTES = 64 * 1024;
/** A flush at least this big means the shell is streaming (a build log, `cat` of a file, a flood). */
const STREAMING_MIN_BYTES = 2 * 1024;
/** …as long as the next output arrives within this long of it. */
const STREAMING_GAP_MS = 20;
/** While streaming, output is gathered this long before it is sent. */
const STREAMING_WINDOW_MS = 4;

/**
 * Gathers terminal output into WebSocket frames. ssh2 emits one event per SSH packet, behind a pty
 * often a few hundred bytes; every frame costs a writev on the socket, a browser message and an ack
 * check. Output after a quiet spell (a keystroke's echo) leaves at the end of the event-loop turn, so
 * typing feels as direct as native ssh; while a big output is streaming it is gathered for a few
 * milliseconds, well under one screen refresh, which cuts frames (and server CPU) several-fold.
 */
/** Told when a streaming gather starts and ends, so the transport can wait instead of reading. */
export interface GatherHooks {
  start(): void;
  end(): void;
}

const NO_HOOKS: GatherHooks = { start() {}, end() {} };

export class OutputBatcher {
  private chunks: Buffer[] = [];
  private bytes = 0;
  private immediate: NodeJS.Immediate | undefined;
  private timer: NodeJS.Timeout | undefined;
  private lastFlushAt = -Infinity;
  private lastFlushBytes = 0;

  constructor(
    private readonly send: (frame: Buffer) => void,
    private readonly now: () => number = () => performance.now(),
    private readonly gathering: GatherHooks = NO_HOOKS,
  ) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    if (this.bytes >= BATCH_MAX_BYTES) {
      this.flush();
      return;
    }
    if (this.immediate || this.timer) return;
    const streaming =
      this.lastFlushBytes >= STREAMING_MIN_BYTES && this.now() - this.lastFlushAt < STREAMING_GAP_MS;
    if (streaming) {
      this.timer = setTimeout(() => this.flush(), STREAMING_WINDOW_MS);
      this.gathering.start();
    } else this.immediate = setImmediate(() => this.flush());
  }

  /** Sends what is gathered now. */
  flush(): void {
    const { chunks, bytes } = this;
    this.drop();
    if (bytes === 0) return;
    this.lastFlushAt = this.now();
    this.lastFlushBytes = bytes;
    this.send(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, bytes));
  }

  /** Forgets what is gathered (its socket went away; the replay buffer has it). */
  drop(): void {
    clearImmediate(this.immediate);
    this.immediate = undefined;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.gathering.end();
    }
    this.chunks = [];
    this.bytes = 0;
  }
}
