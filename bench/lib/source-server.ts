import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, serverNodeArgs, waitFor } from '@archnest/test-support';

export interface SourceServer {
  base: string;
  /** Its SQLite data directory (removed by stop()). */
  dataDir: string;
  /** The server process's id (for CPU and memory figures). */
  pid: number;
  stop: () => Promise<void>;
}

const root = path.resolve(import.meta.dirname, '../..');

/**
 * ArchNest from source in its own process, so a load generator does not share its event loop; SQLite
 * in a temp dir, `LOG_LEVEL=warn`, plus `env`. Resolves once `/healthz` answers.
 */
export async function startSourceServer(env: Record<string, string> = {}): Promise<SourceServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-bench-'));
  const port = await freePort();
  // e.g. BENCH_SERVER_NODE_ARGS=--cpu-prof to profile the server while the bench drives it; with
  // extra flags its stdout is shown too (--trace-gc writes there).
  const extra = process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const args = [...serverNodeArgs(), ...extra, '--import', 'tsx', 'server/src/main.ts'];
  const server = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ARCHNEST_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', extra.length ? 'inherit' : 'ignore', 'inherit'],
  });
  const exited = new Promise((resolve) => server.once('exit', resolve));
  const stop = async () => {
    server.kill('SIGTERM');
    await exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      () =>
        fetch(`${base}/healthz`).then(
          (r) => r.ok,
          () => false,
        ),
      'server start',
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { base, dataDir, pid: server.pid!, stop };
}
