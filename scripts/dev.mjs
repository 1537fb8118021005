// `npm run dev`: the API with reload on port 8080 and the Vite dev server (proxying /api) side by side.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureInstalled, root } from './lib.mjs';
import { ensureRuntime } from './runtime.mjs';

await ensureRuntime();
ensureInstalled();
const children = [
  spawn('npx', ['tsx', 'watch', 'server/src/main.ts'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, HOST: '127.0.0.1' },
  }),
  spawn('npx', ['vite'], { cwd: path.join(root, 'web'), stdio: 'inherit' }),
];
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
children.forEach((c) => c.on('exit', stop));
