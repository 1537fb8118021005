import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '@archnest/contract';
import {
  DOCKER_CLI_PATH,
  ensureTestUser,
  startDockerd,
  startSshd,
  type DockerdServer,
  type SshdServer,
} from '@archnest/test-support';
import { DockerOperationError, SourceUnavailableError, SshDockerSource } from '../../src/docker';
import { objectsError } from '../../src/modules/docker-objects/docker-objects.service';
import { hostConnector } from '../../src/modules/hosts/host-connector';
import { setupAdmin } from '../helpers/accounts';
import { describeContainerSource, seedContainers } from '../helpers/container-source-suite';
import { CountingConnector } from '../helpers/docker-ssh-fixtures';
import { rejectionOf } from '../helpers/ssh-fixtures';
import { addPasswordHost, trustHostKey } from '../helpers/ssh-hosts';
import { createTestApp, type TestApp } from '../helpers/test-app';

const USER = 'archnest-dial';
const PASSWORD = 'Dial-pass-4471';

let dockerd: DockerdServer;
let sshd: SshdServer;
let t: TestApp;
let host: Host;
let counter: CountingConnector;
let source: SshDockerSource;
let binDir: string;

function sshSource(options: { binary?: string; dockerHost?: string; connect?: CountingConnector } = {}) {
  const connect =
    options.connect ?? new CountingConnector(hostConnector(t.services.hosts, t.services.hostKeys, host.id));
  return new SshDockerSource({
    label: host.name,
    connect: connect.get,
    binary: options.binary ?? DOCKER_CLI_PATH,
    dockerHost: options.dockerHost ?? dockerd.dockerHost,
  });
}

beforeAll(async () => {
  ensureTestUser(USER, PASSWORD);
  execFileSync('usermod', ['-aG', 'docker', USER]);
  dockerd = await startDockerd({ socketGroup: 'docker' });
  seedContainers(dockerd);
  sshd = await startSshd();
  t = await createTestApp();
  const admin = await setupAdmin(t.app);
  host = await addPasswordHost(t.app, admin, {
    name: 'dialbox',
    port: sshd.port,
    username: USER,
    password: PASSWORD,
  });
  await trustHostKey(t.app, admin, host);
  counter = new CountingConnector(hostConnector(t.services.hosts, t.services.hostKeys, host.id));
  source = sshSource({ connect: counter });
  // A docker CLI without dial-stdio (as older releases and look-alikes have): everything else passes.
  binDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-nodial-'));
  fs.chmodSync(binDir, 0o755);
  fs.writeFileSync(
    path.join(binDir, 'docker'),
    [
      '#!/bin/sh',
      'for a in "$@"; do [ "$a" = dial-stdio ] && { echo "docker: \'dial-stdio\' is not a docker command." >&2; exit 1; }; done',
      `exec ${DOCKER_CLI_PATH} "$@"`,
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
}, 120_000);

afterAll(async () => {
  source?.close();
  await t?.close();
  await sshd?.stop();
  await dockerd?.stop();
  if (binDir) fs.rmSync(binDir, { recursive: true, force: true });
}, 60_000);

describeContainerSource('Docker over SSH through dial-stdio', () => source);

describe('Docker over SSH: dial-stdio', () => {
  it('speaks the Engine API through dial-stdio on one SSH connection, keeping dialled channels alive', async () => {
    await source.list();
    expect(source.transport).toBe('dial-stdio');
    const connects = counter.connects;
    const commands = counter.commands;
    for (let i = 0; i < 20; i++) await source.list();
    await Promise.all([source.images(), source.volumes(), source.networks(), source.inspect('web')]);
    // No new SSH login, and sequential calls reuse a kept-alive dial-stdio instead of starting one each.
    expect(counter.connects).toBe(connects);
    expect(counter.commands - commands).toBeLessThanOrEqual(4);
  });

  it('falls back to the CLI where the host cannot dial, and remembers it', async () => {
    const fallback = sshSource({ binary: path.join(binDir, 'docker') });
    try {
      const names = (await fallback.list()).map((c) => c.name);
      expect(names).toContain('web');
      expect(fallback.transport).toBe('cli');
      expect((await fallback.inspect('web')).name).toBe('web');
    } finally {
      fallback.close();
    }
  });

  it('a daemon that is down fails the call in plain words and decides nothing', async () => {
    const down = sshSource({ dockerHost: 'unix:///nonexistent/docker.sock' });
    try {
      const error = await rejectionOf(down.list());
      expect(error).toBeInstanceOf(SourceUnavailableError);
      expect((error as Error).message).toMatch(/dialbox.*(cannot reach its daemon|Cannot connect)/);
      expect(down.transport).toBeUndefined();
    } finally {
      down.close();
    }
  });

  it('Podman hosts use the CLI from the start', () => {
    const podman = new SshDockerSource({
      label: 'p',
      connect: () => Promise.reject(new Error('unused')),
      binary: '/usr/bin/podman',
    });
    expect(podman.transport).toBe('cli');
    podman.close();
  });
});

describe('Docker over SSH: images, volumes and networks', () => {
  it('inspects, previews a prune and removes through dial-stdio', async () => {
    const objects = await source.objects();
    const image = await objects.inspectImage('archnest-busybox:test');
    expect(image.usedBy.map((u) => u.name)).toEqual(expect.arrayContaining(['web', 'idle']));
    dockerd.docker(['volume', 'create', 'dial-spare']);
    const preview = await objects.prunePreview('volumes');
    expect(preview.items.map((i) => i.name)).toContain('dial-spare');
    await objects.removeVolume('dial-spare');
    expect(await rejectionOf(objects.inspectVolume('dial-spare'))).toMatchObject({ failure: 'not_found' });
  });

  it('the CLI fallback answers that it needs the Engine API, as 409 docker_api_required', async () => {
    const fallback = sshSource({ binary: path.join(binDir, 'docker') });
    try {
      await fallback.list();
      const error = await rejectionOf(fallback.objects());
      expect(error).toBeInstanceOf(DockerOperationError);
      expect((error as DockerOperationError).failure).toBe('unsupported');
      expect((error as Error).message).toBe(
        'dialbox is reached through the docker CLI, not the Engine API: images, volumes and networks can be listed but not inspected, removed, pruned or pulled here.',
      );
      expect(objectsError(error)).toMatchObject({ status: 409, code: 'docker_api_required' });
    } finally {
      fallback.close();
    }
  });
});
