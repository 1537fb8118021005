import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, serverNodeArgs, waitFor } from '@archnest/test-support';

const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface OwnServer {
  base: string;
  stop(): void;
}

/**
 * A server of a spec's own (the same built bundle, a fresh data dir, a free port), for what the shared
 * e2e server cannot be at the same time: another edition, or environment-locked settings.
 */
export async function startOwnServer(env: Record<string, string>, port?: number): Promise<OwnServer> {
  const listen = port ?? (await freePort());
  const base = `http://127.0.0.1:${listen}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-e2e-own-'));
  const server = spawn('node', [...serverNodeArgs(), 'server/dist/main.js'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      PORT: String(listen),
      HOST: '127.0.0.1',
      ARCHNEST_DATA_DIR: dataDir,
      ARCHNEST_PUBLIC_URL: base,
      LOG_LEVEL: 'warn',
      // No port checks unless a spec asks (specs add hosts at made-up addresses).
      ARCHNEST_SSH_REACHABILITY_INTERVAL_MS: '0',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor(async () => {
    try {
      return (await fetch(`${base}/healthz`)).ok;
    } catch {
      return false;
    }
  }, `an ArchNest server on ${base}`);
  return {
    base,
    stop() {
      if (server.pid) server.kill('SIGTERM');
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
