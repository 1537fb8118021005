import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DOCKER_CLI_PATH,
  ensureContainerBases,
  freePort,
  runAsync,
  startDockerd,
  waitFor,
  type DockerdServer,
} from '@archnest/test-support';
import { ADMIN } from '../helpers/accounts';

/*
 * Builds the repository's Dockerfile on a private dockerd (base images assembled locally, see
 * test-support/src/container-base.ts) and runs the image as a user would: healthz, first-admin setup
 * over HTTP, a non-root process under an init, the healthcheck, and data that outlives the container.
 */

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const IMAGE = 'archnest:test';
const VOLUME = 'archnest-test-data';

/** overlay2 builds several times faster than vfs; vfs where the kernel refuses overlay mounts. */
function overlaySupported(): boolean {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-overlay-probe-'));
  try {
    for (const d of ['l', 'u', 'w', 'm']) fs.mkdirSync(path.join(dir, d));
    const opts = `lowerdir=${dir}/l,upperdir=${dir}/u,workdir=${dir}/w`;
    const mounted = spawnSync('mount', ['-t', 'overlay', 'overlay', '-o', opts, `${dir}/m`], {
      stdio: 'ignore',
    });
    if (mounted.status !== 0) return false;
    spawnSync('umount', [`${dir}/m`], { stdio: 'ignore' });
    return true;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('container image', () => {
  let dockerd: DockerdServer;
  let port: number;
  let base: string;
  let docker: (args: string[], timeoutMs?: number) => Promise<string>;

  function run(): Promise<string> {
    return docker([
      'run',
      '-d',
      '--name',
      'archnest',
      '--network',
      'host',
      '-e',
      `PORT=${port}`,
      '-e',
      'HOST=127.0.0.1',
      '--health-interval',
      '2s',
      '--health-start-period',
      '2s',
      '-v',
      `${VOLUME}:/data`,
      IMAGE,
    ]);
  }

  async function waitHealthz(): Promise<void> {
    await waitFor(
      async () => {
        try {
          return (await fetch(`${base}/healthz`)).status === 200;
        } catch {
          return false;
        }
      },
      `ArchNest in the container on ${base}`,
      60_000,
    );
  }

  beforeAll(async () => {
    // Images (the bases, and the build's layers as a cache) stay in the git-ignored .tmp/ between runs.
    const storageDriver = overlaySupported() ? 'overlay2' : 'vfs';
    const dataRoot = path.join(repoRoot, '.tmp', `container-docker-${storageDriver}`);
    fs.mkdirSync(dataRoot, { recursive: true });
    dockerd = await startDockerd({ storageDriver, dataRoot });
    docker = async (args, timeoutMs = 120_000) =>
      (await runAsync(DOCKER_CLI_PATH, ['-H', dockerd.dockerHost, ...args], timeoutMs)).trim();
    await docker(['rm', '-f', 'archnest']).catch(() => '');
    await docker(['volume', 'rm', '-f', VOLUME]);
    const bases = await ensureContainerBases(dockerd.socketPath);
    const started = Date.now();
    await docker(
      [
        'build',
        '--network',
        'host',
        '--build-arg',
        `BASE=${bases.slim}`,
        '--build-arg',
        `BUILD_BASE=${bases.build}`,
        '-t',
        IMAGE,
        repoRoot,
      ],
      2_400_000,
    );
    // The build stages' layers are the cache of the next run: tagged (instantly, from the cache) so
    // that pruning removes only the layers of earlier builds that nothing uses any more.
    for (const target of ['deps', 'build'])
      await docker(
        [
          'build',
          '--network',
          'host',
          '--target',
          target,
          '--build-arg',
          `BUILD_BASE=${bases.build}`,
          '-t',
          `archnest-cache:${target}`,
          repoRoot,
        ],
        600_000,
      );
    await docker(['image', 'prune', '-f'], 900_000);
    console.log(`container image: built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
  }, 2_700_000);

  afterAll(async () => {
    await docker?.(['volume', 'rm', '-f', VOLUME]).catch(() => '');
    await dockerd?.stop();
  }, 120_000);

  it('reports its size', async () => {
    const bytes = Number(await docker(['image', 'inspect', '--format', '{{.Size}}', IMAGE]));
    const baseBytes = Number(
      await docker(['image', 'inspect', '--format', '{{.Size}}', 'archnest-base:slim']),
    );
    console.log(
      `container image: ${(bytes / 1e6).toFixed(0)} MB (base ${(baseBytes / 1e6).toFixed(0)} MB, ArchNest layers ${((bytes - baseBytes) / 1e6).toFixed(0)} MB)`,
    );
    fs.mkdirSync(path.join(repoRoot, '.tmp'), { recursive: true });
    fs.writeFileSync(
      path.join(repoRoot, '.tmp/container-image-size.json'),
      JSON.stringify({ bytes, baseBytes }),
    );
    // Production dependencies only: the dev toolchain (vite, typescript, esbuild, playwright) would add hundreds of MB.
    expect(bytes - baseBytes).toBeGreaterThan(10e6);
    expect(bytes - baseBytes).toBeLessThan(320e6);
    const devTools = await docker([
      'run',
      '--rm',
      '--entrypoint',
      'sh',
      IMAGE,
      '-c',
      'ls node_modules | grep -xE "vite|typescript|esbuild|vitest|@playwright" || true',
    ]);
    expect(devTools).toBe('');
  });

  it('declares a non-root user, a data volume, an init and a healthcheck', async () => {
    const config = JSON.parse(await docker(['image', 'inspect', '--format', '{{json .Config}}', IMAGE])) as {
      User: string;
      Volumes: Record<string, unknown>;
      Entrypoint: string[];
      Healthcheck: { Test: string[] };
    };
    expect(config.User).toBe('archnest');
    expect(Object.keys(config.Volumes)).toEqual(['/data']);
    expect(config.Entrypoint).toEqual(['/usr/bin/tini', '--']);
    expect(config.Healthcheck.Test.join(' ')).toContain('/healthz');
  });

  it('starts, serves /healthz, takes first-admin setup, runs as non-root and turns healthy', async () => {
    await run();
    await waitHealthz();
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    const status = (await (await fetch(`${base}/api/auth/status`)).json()) as { setupRequired: boolean };
    expect(status.setupRequired).toBe(true);
    const setup = await fetch(`${base}/api/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(setup.status).toBe(201);
    expect(setup.headers.get('set-cookie')).toMatch(/archnest_session=/);

    expect(await docker(['exec', 'archnest', 'id', '-u'])).toBe('10001');
    expect(await docker(['exec', 'archnest', 'sh', '-c', 'tr "\\0" " " < /proc/1/cmdline'])).toMatch(
      /^\/usr\/bin\/tini -- node /,
    );
    // Every process in the container (tini, node, this shell) belongs to the unprivileged user.
    const owners = await docker([
      'exec',
      'archnest',
      'sh',
      '-c',
      'stat -c %u /proc/[0-9]* 2>/dev/null; true',
    ]);
    expect(new Set(owners.split('\n'))).toEqual(new Set(['10001']));
    // The data dir holds the database and the generated key, owned by the unprivileged user.
    expect(await docker(['exec', 'archnest', 'stat', '-c', '%u %a', '/data/secret.key'])).toBe('10001 600');

    await waitFor(
      async () =>
        (await docker(['inspect', '--format', '{{.State.Health.Status}}', 'archnest'])) === 'healthy',
      'a healthy container',
      60_000,
    );
  }, 180_000);

  it('keeps its data when the container is removed and run again on the same volume', async () => {
    await docker(['rm', '-f', 'archnest']);
    await run();
    await waitHealthz();
    const status = (await (await fetch(`${base}/api/auth/status`)).json()) as { setupRequired: boolean };
    expect(status.setupRequired).toBe(false);
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(login.status).toBe(200);
    const again = await fetch(`${base}/api/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'intruder', password: 'another-password-99' }),
    });
    expect(again.status).toBe(409);
    // SIGTERM reaches Node.js through tini: a clean stop well inside Docker's 10 s grace.
    const stopped = Date.now();
    await docker(['stop', 'archnest']);
    expect(Date.now() - stopped).toBeLessThan(8000);
    expect(await docker(['inspect', '--format', '{{.State.ExitCode}}', 'archnest'])).toBe('0');
  }, 180_000);
});
