import type { ClientChannel } from 'ssh2';
import type { HoldReason } from './transport-hold';

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
  /**
   * Output is being gathered into one frame until gatherEnd(): what arrives meanwhile may as well be
   * read in one go. Only a hint: a transport that cannot wait cheaply ignores it.
   */
  gatherStart?(): void;
  gatherEnd?(): void;
  close(): void;
}

/** Reading of the connection underneath a channel (see TransportHold). */
export interface TransportControl {
  hold(reason: HoldReason): void;
  release(reason: HoldReason): void;
}

/** `transport`: also stop reading the connection while paused, when this channel is its only one. */
export function ssh2ShellChannel(channel: ClientChannel, transport?: TransportControl): ShellChannel {
  let exit: ShellExit = { code: null };
  let gathering: NodeJS.Immediate | undefined;
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
      transport?.hold('backpressure');
    },
    resume() {
      transport?.release('backpressure');
      channel.resume();
      channel.stderr.resume();
    },
    // Held from the end of this turn: everything already readable is read first (one read takes at
    // most 64 KiB), so a fast stream is not cut to one read per gather.
    gatherStart() {
      if (!transport || gathering) return;
      gathering = setImmediate(() => transport.hold('gathering'));
    },
    gatherEnd() {
      if (!transport || !gathering) return;
      clearImmediate(gathering);
      gathering = undefined;
      transport.release('gathering');
    },
    close() {
      channel.close();
    },
  };
}
