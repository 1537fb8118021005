// Builds the server bundle and the web app, skipping the work when no input changed since the last build.
import fs from 'node:fs';
import path from 'node:path';
import { ensureInstalled, fingerprint, root, runOrExit } from './lib.mjs';
import { ensureRuntime } from './runtime.mjs';
import { precompress } from './precompress.mjs';

const inputs = [
  'package-lock.json',
  'tsconfig.base.json',
  'contract/src',
  'contract/package.json',
  'server/src',
  'server/package.json',
  'web/src',
  'web/index.html',
  'web/vite.config.ts',
  'web/package.json',
  'web/public',
  'scripts/build.mjs',
  'scripts/precompress.mjs',
  'agent/pull/src',
  'agent/pull/build.mjs',
];
const outputs = [
  'server/dist/main.js',
  'server/dist/admin.js',
  'web/dist/index.html',
  'agent/pull/dist/archnest-pull-agent.mjs',
];
const stampFile = path.join(root, '.build-stamp');

export async function build({ force = false } = {}) {
  const wanted = fingerprint(inputs);
  const built = outputs.every((o) => fs.existsSync(path.join(root, o)));
  if (!force && built && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === wanted) {
    console.log('Build is up to date.');
    return;
  }
  console.log('Building server…');
  const esbuild = await import('esbuild');
  const serverPkg = JSON.parse(fs.readFileSync(path.join(root, 'server/package.json'), 'utf8'));
  const external = Object.keys(serverPkg.dependencies).filter((d) => !d.startsWith('@archnest/'));
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: { main: 'server/src/main.ts', admin: 'server/src/cli/admin.ts' },
    outdir: 'server/dist',
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: true,
    external,
    logLevel: 'warning',
  });
  console.log('Building the pull agent…');
  const { buildPullAgent } = await import('../agent/pull/build.mjs');
  await buildPullAgent();
  console.log('Building web app…');
  runOrExit('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: path.join(root, 'web') });
  precompress(path.join(root, 'web/dist'));
  fs.writeFileSync(stampFile, wanted);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await ensureRuntime();
  ensureInstalled();
  await build({ force: process.argv.includes('--force') });
}
