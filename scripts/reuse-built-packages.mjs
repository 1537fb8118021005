// Used by the Dockerfile's `deps` stage: `node scripts/reuse-built-packages.mjs <full> <target>`.
// <target> is a node_modules installed with --ignore-scripts; every package in it that has an install
// script or a binding.gyp (the native addons) is replaced by the same name and version from <full>,
// a node_modules whose install scripts ran, so nothing is compiled twice. A package with no
// counterpart there is rebuilt with `npm rebuild`.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [full, target] = process.argv.slice(2);
if (!full || !target)
  throw new Error('usage: reuse-built-packages.mjs <full node_modules> <target node_modules>');

function manifest(dir) {
  const file = path.join(dir, 'package.json');
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
}

function needsBuild(dir, pkg) {
  const scripts = pkg.scripts ?? {};
  return (
    Boolean(scripts.preinstall || scripts.install || scripts.postinstall) ||
    fs.existsSync(path.join(dir, 'binding.gyp'))
  );
}

/** Every package directory under a node_modules, nested ones included. */
function* packages(modules) {
  if (!fs.existsSync(modules)) return;
  for (const name of fs.readdirSync(modules)) {
    if (name.startsWith('.')) continue;
    const dir = path.join(modules, name);
    if (name.startsWith('@')) {
      yield* packages(dir);
      continue;
    }
    const pkg = manifest(dir);
    if (!pkg) continue;
    yield { dir, pkg };
    yield* packages(path.join(dir, 'node_modules'));
  }
}

const built = new Map();
for (const { dir, pkg } of packages(full))
  if (needsBuild(dir, pkg)) built.set(`${pkg.name}@${pkg.version}`, dir);

const rebuild = [];
for (const { dir, pkg } of [...packages(target)]) {
  if (!needsBuild(dir, pkg)) continue;
  const from = built.get(`${pkg.name}@${pkg.version}`);
  if (!from) {
    rebuild.push(pkg.name);
    continue;
  }
  // Its own nested node_modules (installed for production) stays.
  for (const entry of fs.readdirSync(from)) {
    if (entry === 'node_modules') continue;
    fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
    fs.cpSync(path.join(from, entry), path.join(dir, entry), { recursive: true, verbatimSymlinks: true });
  }
  console.log(`reused ${pkg.name}@${pkg.version}`);
}
if (rebuild.length) {
  console.log(`rebuilding ${rebuild.join(', ')}`);
  execFileSync('npm', ['rebuild', ...rebuild], { cwd: path.dirname(target), stdio: 'inherit' });
}
