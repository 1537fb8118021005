import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { ensureDebianPackages, type DebianNeed } from './apt';
import type { DockerdServer } from './dockerd';
import { freePort, waitFor } from './free-port';

export const REGISTRY_PATH = '/usr/bin/docker-registry';
export const REGISTRY_PACKAGES: DebianNeed[] = [{ path: REGISTRY_PATH, pkg: 'docker-registry' }];

export interface RegistryServer {
  /** `127.0.0.1:<port>`: the prefix of references to push to and pull from it. */
  readonly address: string;
  /** Tags `image` as `<address>/<repo>` in `dockerd`, pushes it, and untags it again. Returns the reference. */
  push(dockerd: Pick<DockerdServer, 'docker'>, image: string, repo: string): string;
  stop(): Promise<void>;
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/v2/', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

/**
 * A real Docker registry (Debian's docker-registry, the CNCF distribution) on loopback, storing in a
 * temp dir. Docker trusts plain HTTP to 127.0.0.0/8 registries, so pushes and pulls need no TLS.
 */
export async function startRegistry(): Promise<RegistryServer> {
  ensureDebianPackages(REGISTRY_PACKAGES);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-registry-'));
  const port = await freePort();
  const config = path.join(dir, 'config.yml');
  fs.writeFileSync(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: error',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${path.join(dir, 'data')}`,
      '  delete:',
      '    enabled: true',
      'http:',
      `  addr: 127.0.0.1:${port}`,
      '',
    ].join('\n'),
  );
  let log = '';
  const child: ChildProcess = spawn(REGISTRY_PATH, ['serve', config], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString('utf8')).slice(-4000);
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve(undefined);
        });
      });
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`docker-registry exited with code ${child.exitCode}`);
      return answers(port);
    }, `docker-registry on 127.0.0.1:${port}`);
  } catch (error) {
    await stop();
    throw new Error(
      `could not start docker-registry: ${error instanceof Error ? error.message : String(error)}\n${log}`,
    );
  }
  const address = `127.0.0.1:${port}`;
  return {
    address,
    push(dockerd, image, repo) {
      const ref = `${address}/${repo}`;
      dockerd.docker(['tag', image, ref]);
      dockerd.docker(['push', ref]);
      dockerd.docker(['rmi', ref]);
      return ref;
    },
    stop,
  };
}
