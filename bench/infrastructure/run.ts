// `npm run bench -- infrastructure [--smoke]`: the Node Detail render time in headless Chromium
// (render.ts), against the real server with the production build.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { freePort, waitFor } from '@archnest/test-support';
import { startProcess, stderrTail, stopProcess } from '../terminal/processes';
import { measureRender, reportRender } from './render';

const smoke = process.argv.includes('--smoke');
const root = path.resolve(import.meta.dirname, '..', '..');

execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-bench-infra-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = startProcess(process.execPath, ['--max-semi-space-size=2', 'server/dist/main.js'], {
  cwd: root,
  env: {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    ARCHNEST_DATA_DIR: dataDir,
    ARCHNEST_PUBLIC_URL: base,
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'ignore', 'pipe'],
});
const stderr = stderrTail(server);
try {
  await waitFor(
    () => {
      if (server.exitCode !== null) throw new Error(`the server exited: ${stderr()}`);
      return fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
    },
    'ArchNest to start',
    60_000,
  );
  const setup = await fetch(`${base}/api/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'benchadmin', password: 'quartz-lantern-4417' }),
  });
  if (setup.status !== 201) throw new Error(`admin setup answered ${setup.status}: ${await setup.text()}`);
  const cookie = setup.headers.get('set-cookie')?.split(';')[0];
  if (!cookie) throw new Error('admin setup set no session cookie');
  reportRender(await measureRender({ base, cookie, smoke }));
  console.log(`  ${'load average (1 min)'.padEnd(48)} ${os.loadavg()[0]?.toFixed(1)}`);
} finally {
  await stopProcess(server);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
