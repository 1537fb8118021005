import { spawn } from 'node:child_process';

/**
 * Runs a bench helper script (TypeScript, through tsx) in its own process and resolves once it
 * prints `listening <port>`. `stop` ends it.
 */
export async function startListeningScript(
  script: string,
  args: string[],
): Promise<{ port: number; pid: number; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    child.stdout.on('data', (d: Buffer) => {
      const m = /listening (\d+)/.exec(d.toString());
      if (m) resolve(Number(m[1]));
    });
  });
  return { port, pid: child.pid!, stop: () => child.kill() };
}
