import type Docker from 'dockerode';
import type { ShellChannel, ShellExit } from '../ssh';
import { errorText } from './docker-errors';

/**
 * An Engine API exec with a TTY as the same ShellChannel the terminal uses for SSH: the hijacked
 * connection carries raw bytes both ways, and resize goes to the exec's own endpoint.
 */
export async function engineExecChannel(
  container: Docker.Container,
  shell: string,
  cols: number,
  rows: number,
): Promise<ShellChannel> {
  const exec = await container.exec({
    Cmd: [shell],
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
    // No COLUMNS/LINES: busybox trusts them over the pty, and they would go stale after a resize.
    Env: ['TERM=xterm-256color'],
  });
  const stream = await exec.start({ hijack: true, stdin: true, Tty: true });
  const resize = (w: number, h: number) => {
    // A resize that races the shell's exit has nothing left to resize; nothing to report.
    exec.resize({ w, h }).catch(() => undefined);
  };
  resize(cols, rows);

  const exitListeners: ((exit: ShellExit) => void)[] = [];
  let exited: ShellExit | undefined;
  let finishing = false;
  const finish = () => {
    if (finishing) return;
    finishing = true;
    exec.inspect().then(
      (info) => done({ code: typeof info.ExitCode === 'number' ? info.ExitCode : null }),
      () => done({ code: null }),
    );
  };
  const done = (exit: ShellExit) => {
    exited = exit;
    for (const listener of exitListeners.splice(0)) listener(exit);
  };
  stream.once('end', finish);
  stream.once('close', finish);
  stream.once('error', finish);

  return {
    onData(listener) {
      stream.on('data', listener);
    },
    onExit(listener) {
      if (exited) listener(exited);
      else exitListeners.push(listener);
    },
    write(data) {
      if (!finishing) stream.write(data);
    },
    resize,
    pause() {
      stream.pause();
    },
    resume() {
      stream.resume();
    },
    close() {
      stream.destroy();
    },
  };
}

/**
 * Whether `shell` can start in the container: a short non-interactive `<shell> -c "exit 0"` whose
 * exit code 126/127 (or Docker's own "not found" refusal) means the image does not carry it.
 */
export async function engineShellPresent(container: Docker.Container, shell: string): Promise<boolean> {
  const probe = await container.exec({
    Cmd: [shell, '-c', 'exit 0'],
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
  });
  try {
    const stream = await probe.start({ hijack: true, stdin: false });
    await new Promise<void>((resolve) => {
      stream.once('end', resolve);
      stream.once('close', resolve);
      stream.once('error', () => resolve());
      stream.resume();
    });
  } catch (error) {
    if (/executable file not found|no such file or directory/i.test(errorText(error))) return false;
    throw error;
  }
  const info = await probe.inspect();
  return info.ExitCode !== 126 && info.ExitCode !== 127;
}
