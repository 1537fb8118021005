import type { IPty } from 'node-pty';
import type { ShellChannel, ShellExit } from './shell-channel';

const SIGNAL_NAMES: Record<number, string> = { 1: 'HUP', 2: 'INT', 9: 'KILL', 15: 'TERM' };

/** The OpenSSH client running in a pty, seen as a shell channel. `onDone` runs once it has exited. */
export function ptyShellChannel(pty: IPty, onDone: () => void): ShellChannel {
  const exitListeners: ((exit: ShellExit) => void)[] = [];
  let exited: ShellExit | undefined;
  pty.onExit(({ exitCode, signal }) => {
    exited = signal ? { code: null, signal: SIGNAL_NAMES[signal] ?? String(signal) } : { code: exitCode };
    onDone();
    for (const listener of exitListeners.splice(0)) listener(exited);
  });
  return {
    onData(listener) {
      // Spawned with encoding null, node-pty hands over raw bytes; its typings still say string.
      pty.onData((data: string | Buffer) => listener(typeof data === 'string' ? Buffer.from(data) : data));
    },
    onExit(listener) {
      if (exited) listener(exited);
      else exitListeners.push(listener);
    },
    write(data) {
      if (exited) return;
      pty.write(typeof data === 'string' ? data : data.toString('utf8'));
    },
    resize(cols, rows) {
      if (!exited) pty.resize(cols, rows);
    },
    pause() {
      pty.pause();
    },
    resume() {
      pty.resume();
    },
    close() {
      if (!exited) pty.kill('SIGHUP');
    },
  };
}
