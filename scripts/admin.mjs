// `npm run admin -- <command>`: account recovery against the configured database, without the web UI.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ensureInstalled, root } from './lib.mjs';
import { ensureRuntime } from './runtime.mjs';

await ensureRuntime();
ensureInstalled();
const { build } = await import('./build.mjs');
await build();
const result = spawnSync(
  process.execPath,
  [path.join(root, 'server/dist/admin.js'), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);
