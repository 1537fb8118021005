// `npm start`: install what is missing, build what changed, run ArchNest on SQLite in ./data.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureInstalled, root, SERVER_NODE_ARGS } from './lib.mjs';
import { ensureRuntime } from './runtime.mjs';

await ensureRuntime();
ensureInstalled();
const { build } = await import('./build.mjs');
await build();

const child = spawn(process.execPath, [...SERVER_NODE_ARGS, path.join(root, 'server/dist/main.js')], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
