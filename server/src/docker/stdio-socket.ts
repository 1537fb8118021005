import { Duplex } from 'node:stream';
import type { ExecStream } from '../ssh';

const STDERR_KEEP = 2048;

/**
 * A remote command's stdin and stdout as one socket-like stream, so Node's HTTP client can speak
 * through `docker system dial-stdio` as it would through a TCP connection. It carries the few
 * net.Socket methods the HTTP client and its keep-alive agent call (timeouts, keep-alive, ref).
 */
export class StdioSocket extends Duplex {
  /** True once any byte came back: a command that fails at once sends none. */
  answered = false;
  /** The command's exit status once it ended (null: by signal). */
  exitCode: number | null | undefined;
  private stderrTail = '';
  private idleMs = 0;
  private idleTimer: NodeJS.Timeout | undefined;

  /** `onFailedDial` hears of a command that ended unsuccessfully before answering anything. */
  constructor(
    private readonly running: ExecStream,
    onFailedDial?: (exitCode: number | null, stderr: string) => void,
  ) {
    super({ allowHalfOpen: false });
    running.stdout.on('data', (chunk: Buffer) => {
      this.answered = true;
      this.touch();
      if (!this.push(chunk)) running.stdout.pause();
    });
    // The end is passed on once the exit status is known, so whoever reads the EOF can ask why.
    running.stdout.once('end', () => {
      void running.exit
        .then(
          (exit) => (this.exitCode = exit.code),
          () => undefined,
        )
        .finally(() => this.push(null));
    });
    running.stderr.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString('utf8')).slice(-STDERR_KEEP);
    });
    running.stdout.once('error', (error: Error) => this.destroy(error));
    void running.exit.then(
      (exit) => {
        this.exitCode = exit.code;
        if (!this.answered && exit.code !== 0) onFailedDial?.(exit.code, this.stderr);
        if (!this.destroyed) this.destroy();
      },
      () => {
        if (!this.destroyed) this.destroy();
      },
    );
  }

  /** What the command printed on stderr, for the message when it could not dial the daemon. */
  get stderr(): string {
    return this.stderrTail.trim();
  }

  override _read(): void {
    this.running.stdout.resume();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.touch();
    if (this.running.stdin.write(chunk)) callback();
    else this.running.stdin.once('drain', () => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.running.stdin.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    clearTimeout(this.idleTimer);
    this.running.close();
    callback(error);
  }

  /** Like net.Socket#setTimeout: 'timeout' after `ms` without traffic either way; 0 turns it off. */
  setTimeout(ms: number, onTimeout?: () => void): this {
    this.idleMs = ms;
    if (onTimeout) this.once('timeout', onTimeout);
    this.touch();
    return this;
  }

  setKeepAlive(): this {
    return this; // the SSH connection has its own keepalive
  }

  setNoDelay(): this {
    return this;
  }

  ref(): this {
    return this;
  }

  unref(): this {
    return this;
  }

  destroySoon(): void {
    this.end(() => this.destroy());
  }

  private touch(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    if (this.idleMs > 0 && !this.destroyed) {
      this.idleTimer = setTimeout(() => this.emit('timeout'), this.idleMs);
      this.idleTimer.unref();
    }
  }
}
