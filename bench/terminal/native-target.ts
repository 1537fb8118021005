import type { SshTarget } from './archnest-target';
import { startProcess, stopProcess } from './processes';
import { waitForData, type TermSession } from './term-session';

/**
 * The OpenSSH client with a remote pty (`ssh -tt`) and pipes on this side, so every echo happens
 * remotely and no local pty adds work. It gets the same interactive shell the web terminals get,
 * and the same commands are typed into it, so connection setup is not part of any timing.
 */
export async function nativeSession(target: SshTarget): Promise<TermSession> {
  const child = startProcess(
    'ssh',
    [
      '-tt',
      '-i',
      target.key.privateKeyPath,
      '-o',
      'StrictHostKeyChecking=yes',
      '-o',
      `UserKnownHostsFile=${target.knownHostsFile}`,
      '-o',
      'BatchMode=yes',
      '-o',
      'LogLevel=ERROR',
      '-p',
      String(target.port),
      `${target.user}@127.0.0.1`,
    ],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let listener: ((chunk: Buffer) => void) | null = null;
  child.stdout!.on('data', (chunk: Buffer) => listener?.(chunk));
  const session: TermSession = {
    system: 'native ssh',
    cpuPid: child.pid!,
    write: (text) => child.stdin!.write(text),
    onData: (next) => {
      listener = next;
    },
    close: async () => {
      child.stdin!.end();
      await stopProcess(child, 2000);
    },
  };
  try {
    await waitForData(session, () => true, 15_000, 'the first prompt');
  } catch (error) {
    await session.close();
    throw error;
  }
  return session;
}
