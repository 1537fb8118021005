// The Node.js the npm scripts run on: the machine's own when it is new enough, otherwise the pinned
// Node.js 24 LTS from the npm registry (the `node-<platform>-<arch>` package carries the binary and
// the headers native addons build against), installed once into the git-ignored `.runtime/`.
// Plain Node with no dependencies, like the rest of scripts/.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The Node.js release ArchNest is tested on; keep in step with `engines` and the Dockerfile. */
export const NODE_RUNTIME_VERSION = '24.22.3';
/** Older than this, the scripts fetch NODE_RUNTIME_VERSION instead of running on the machine's Node. */
const MINIMUM_MAJOR = 22;

const packageName = `node-${process.platform}-${process.arch}`;
const runtimeDir = path.join(root, '.runtime', `node-v${NODE_RUNTIME_VERSION}`);
const packageDir = path.join(runtimeDir, 'node_modules', packageName);
const binDir = path.join(packageDir, 'bin');

function machineIsNewEnough() {
  return Number(process.versions.node.split('.')[0]) >= MINIMUM_MAJOR;
}

function installRuntime() {
  if (fs.existsSync(path.join(binDir, 'node'))) return;
  console.log(`Fetching Node.js ${NODE_RUNTIME_VERSION} (npm package ${packageName}) into .runtime/ …`);
  fs.mkdirSync(runtimeDir, { recursive: true });
  const result = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      runtimeDir,
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--no-package-lock',
      `${packageName}@${NODE_RUNTIME_VERSION}`,
    ],
    { stdio: 'inherit' },
  );
  if (result.status !== 0 || !fs.existsSync(path.join(binDir, 'node'))) {
    console.error(
      `Could not install Node.js ${NODE_RUNTIME_VERSION} from the npm registry (${packageName}); ` +
        `install Node.js ${MINIMUM_MAJOR} or newer and run the command again.`,
    );
    process.exit(1);
  }
}

/**
 * Returns when this process already runs on a new enough Node.js. Otherwise runs the same script on
 * the pinned runtime (with its `bin/` first on PATH, so `node`, `npm` and `npx` in child processes use
 * it too, and `npm_config_nodedir` pointing native builds at its headers) and exits with its status.
 */
export async function ensureRuntime() {
  if (machineIsNewEnough()) return;
  if (process.env.ARCHNEST_NODE_RUNTIME) {
    throw new Error(
      `the runtime in .runtime/ reports Node.js ${process.version}; delete .runtime/ and retry`,
    );
  }
  installRuntime();
  console.log(
    `This machine has Node.js ${process.version}; running on Node.js v${NODE_RUNTIME_VERSION} from .runtime/.`,
  );
  const child = spawn(path.join(binDir, 'node'), [...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: {
      ...process.env,
      PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}`,
      npm_config_nodedir: packageDir,
      ARCHNEST_NODE_RUNTIME: NODE_RUNTIME_VERSION,
    },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  const code = await new Promise((resolve) => {
    child.on('exit', (status, signal) => resolve(status ?? (signal ? 1 : 0)));
  });
  process.exit(code);
}
