// `npm run bench -- <name> [--smoke]`: runs bench/<name>/run.ts; without a name, lists them.
import fs from 'node:fs';
import path from 'node:path';
import { ensureInstalled, root, runOrExit } from './lib.mjs';
import { ensureRuntime } from './runtime.mjs';

const benchDir = path.join(root, 'bench');
const names = fs.readdirSync(benchDir).filter((d) => fs.existsSync(path.join(benchDir, d, 'run.ts')));
const [name, ...rest] = process.argv.slice(2);
if (!name || !names.includes(name)) {
  console.log(`Usage: npm run bench -- <${names.join('|')}> [--smoke]`);
  process.exit(name ? 2 : 0);
}
await ensureRuntime();
ensureInstalled();
runOrExit('node', ['--import', 'tsx', path.join('bench', name, 'run.ts'), ...rest]);
