import type { ClientChannel } from 'ssh2';

export interface ShellExit {
  /** The remote shell's exit status; null when it ended by signal or the connection dropped. */
  code: number | null;
  signal?: string;
}

/**
 * An interactive shell, whichever transport carries it (ssh2 channel or the OpenSSH client in a pty).
 * The terminal layer only ever sees this.
 */
export interface ShellChannel {
  onData(listener: (data: Buffer) => void): void;
  /** Fires once, after the last data. */
  onExit(listener: (exit: ShellExit) => void): void;
  write(data: string | Buffer): void;
  resize(cols: number, rows: number): void;
  /** Stops reading from the remote side until resume(); lets a slow browser push back. */
  pause(): void;
  resume(): void;
  close(): void;
}

/** Reading of the connection underneath a channel (see TransportHold). */
export interface TransportControl {
  hold(): void;
  release(): void;
}

/** `transport`: also stop reading the connection while paused, when this channel is its only one. */
export function ssh2ShellChannel(channel: ClientChannel, transport?: TransportControl): ShellChannel {
  let exit: ShellExit = { code: null };
  const exitListeners: ((exit: ShellExit) => void)[] = [];
  channel.on('exit', (code: number | null, signal?: string) => {
    exit = signal ? { code: null, signal } : { code: typeof code === 'number' ? code : null };
  });
  channel.on('close', () => {
    for (const listener of exitListeners) listener(exit);
  });
  return {
    onData(listener) {
      channel.on('data', listener);
      // A pty merges stderr into stdout on the server; anything that still arrives separately is shown too.
      channel.stderr.on('data', listener);
    },
    onExit(listener) {
      exitListeners.push(listener);
    },
    write(data) {
      channel.write(data);
    },
    resize(cols, rows) {
      channel.setWindow(rows, cols, 0, 0);
    },
    pause() {
      channel.pause();
      channel.stderr.pause();
      transport?.hold();
    },
    resume() {
      transport?.release();
      channel.resume();
      channel.stderr.resume();
    },
    close() {
      channel.close();
    },
  };
}
