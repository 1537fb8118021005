// Shared by the npm scripts: plain Node, no dependencies, so it runs before `npm install` has.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** V8 flags for the server process; why each one is there: docs/decisions.md. */
export const SERVER_NODE_ARGS = JSON.parse(fs.readFileSync(path.join(root, 'server/node-args.json'), 'utf8'));

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

export function runOrExit(command, args, options) {
  const status = run(command, args, options);
  if (status !== 0) {
    console.error(`\n${command} ${args.join(' ')} failed (exit ${status})`);
    process.exit(status);
  }
}

function hashTree(hash, target) {
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) return;
  if (stat.isDirectory()) {
    for (const entry of fs.readdirSync(target).sort()) {
      if (entry === 'node_modules' || entry === 'dist') continue;
      hashTree(hash, path.join(target, entry));
    }
  } else {
    hash.update(path.relative(root, target));
    hash.update(fs.readFileSync(target));
  }
}

export function fingerprint(paths) {
  const hash = createHash('sha256');
  for (const p of paths) hashTree(hash, path.join(root, p));
  return hash.digest('hex');
}

const lockFile = path.join(root, 'package-lock.json');
/** The dependencies with a compiled part (npm's allowScripts in package.json lists them too). */
const NATIVE_ADDONS = ['better-sqlite3', 'node-pty', 'cpu-features', 'ssh2'];
const installStamp = path.join(root, 'node_modules', '.archnest-install-stamp');

/** Installs dependencies when node_modules is missing or older than the lockfile/manifests. */
export function ensureInstalled() {
  const manifests = fingerprint(['package.json', 'package-lock.json', ...workspaceManifests()]);
  // Native addons are built for one Node.js ABI: a change of runtime rebuilds them.
  const abi = `node-abi-${process.versions.modules}`;
  const wanted = `${manifests} ${abi}`;
  const have = fs.existsSync(installStamp) ? fs.readFileSync(installStamp, 'utf8') : '';
  if (have === wanted) return;
  // A fresh clone gets exactly the lockfile (its addons built for this runtime); an existing tree is
  // brought up to date incrementally, which leaves addons built for another runtime as they were.
  const fresh = !fs.existsSync(path.join(root, 'node_modules')) && fs.existsSync(lockFile);
  if (!have.startsWith(`${manifests} `)) {
    console.log('Installing dependencies…');
    runOrExit('npm', fresh ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund']);
  }
  if (!fresh && !have.endsWith(` ${abi}`)) {
    console.log(`Rebuilding native addons for Node.js ${process.version}…`);
    runOrExit('npm', ['rebuild', ...NATIVE_ADDONS]);
  }
  fs.writeFileSync(installStamp, wanted);
}

function workspaceManifests() {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return pkg.workspaces.map((w) => `${w}/package.json`);
}
