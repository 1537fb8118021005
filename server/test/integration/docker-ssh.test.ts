import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '@archnest/contract';
import {
  DOCKER_CLI_PATH,
  ensureTestUser,
  freePort,
  startDockerd,
  startSshd,
  type DockerdServer,
  type SshdServer,
} from '@archnest/test-support';
import {
  DockerInputError,
  SourceUnavailableError,
  SshCliSource,
  type ContainerSource,
} from '../../src/docker';
import { hostConnector } from '../../src/modules/hosts/host-connector';
import { setupAdmin } from '../helpers/accounts';
import { describeContainerSource, seedContainers } from '../helpers/container-source-suite';
import { CountingConnector, hostilePayloads } from '../helpers/docker-ssh-fixtures';
import { rejectionOf } from '../helpers/ssh-fixtures';
import { addPasswordHost, trustHostKey } from '../helpers/ssh-hosts';
import { createTestApp, type TestApp } from '../helpers/test-app';

const USER = 'archnest-dock';
const PASSWORD = 'Dock-pass-4471';
const SEED = 20_240_611;

let dockerd: DockerdServer;
let sshd: SshdServer;
let t: TestApp;
let admin: string;
let counter: CountingConnector;
let source: SshCliSource;

const createHost = (name: string, port: number) =>
  addPasswordHost(t.app, admin, { name, port, username: USER, password: PASSWORD });

function cliSource(host: Host, connect = hostConnector(t.services.hosts, t.services.hostKeys, host.id)) {
  return new SshCliSource({
    label: host.name,
    connect,
    binary: DOCKER_CLI_PATH,
    dockerHost: dockerd.dockerHost,
  });
}

beforeAll(async () => {
  ensureTestUser(USER, PASSWORD);
  // The test user reaches the daemon the way a real one would: through the socket's group.
  execFileSync('usermod', ['-aG', 'docker', USER]);
  dockerd = await startDockerd({ socketGroup: 'docker' });
  seedContainers(dockerd);
  sshd = await startSshd();
  t = await createTestApp();
  admin = await setupAdmin(t.app);
  const host = await createHost('dockbox', sshd.port);
  await trustHostKey(t.app, admin, host);
  counter = new CountingConnector(hostConnector(t.services.hosts, t.services.hostKeys, host.id));
  source = cliSource(host, counter.get);
}, 120_000);

afterAll(async () => {
  source?.close();
  await t?.close();
  await sshd?.stop();
  await dockerd?.stop();
}, 60_000);

describeContainerSource('Docker CLI over SSH', () => source);

describe('Docker over SSH: the transport', () => {
  it('reuses one connection for many calls and reconnects once it drops', async () => {
    await source.list();
    const before = counter.connects;
    await source.list();
    await source.images();
    await source.inspect('web');
    expect(counter.connects).toBe(before);
    counter.last!.close();
    await source.list();
    expect(counter.connects).toBe(before + 1);
  });

  it('a host with nothing listening fails at once, and a silent one within 5 s', async () => {
    const down = cliSource(await createHost('down', await freePort()));
    const error = await rejectionOf(down.list());
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as Error).message).toMatch(/^Cannot reach down \(127\.0\.0\.1:\d+\): .*refused/);

    const sockets: net.Socket[] = [];
    const silent = net.createServer((s) => sockets.push(s));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const slow = cliSource(await createHost('slow', (silent.address() as net.AddressInfo).port));
      const started = Date.now();
      const late = await rejectionOf(slow.list());
      expect(late).toBeInstanceOf(SourceUnavailableError);
      expect((late as Error).message).toBe('Docker on slow did not answer within 5 s (listing containers).');
      expect(Date.now() - started).toBeLessThan(6500);
      slow.close();
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it('an untrusted host key refuses the connection with the host-key message', async () => {
    const other = await startSshd();
    try {
      const stranger = cliSource(await createHost('stranger', other.port));
      const error = await rejectionOf(stranger.list());
      expect(error).toBeInstanceOf(SourceUnavailableError);
      expect((error as Error).message).toContain('stranger');
      expect((error as Error).message).toMatch(/host key/i);
    } finally {
      await other.stop();
    }
  });

  it('refuses a CLI or daemon setting that is not on the allowlist', () => {
    const connect = () => Promise.reject(new Error('unused'));
    for (const binary of [
      'docker;id',
      'bin/docker',
      '/usr/bin/../bin/docker',
      'dockerx',
      '-H',
      '/tmp/x y/docker',
      '/usr/bin/xdocker',
    ])
      expect(() => new SshCliSource({ label: 'x', connect, binary })).toThrow(DockerInputError);
    for (const dockerHost of ['tcp://1.2.3.4:2375', 'unix://relative', "unix:///a';id;'", 'unix:///a b'])
      expect(() => new SshCliSource({ label: 'x', connect, dockerHost })).toThrow(DockerInputError);
    expect(() => new SshCliSource({ label: 'x', connect, binary: '/usr/bin/podman' })).not.toThrow();
  });
});

describe('Docker over SSH: hostile input never reaches the remote shell', () => {
  const canary = `/tmp/archnest-canary-${process.pid}-${SEED}`;
  const payloads = hostilePayloads(canary, 200, SEED);

  /** Every entry point a reference, a tail, an action or a shell name can come through. */
  const entryPoints = (s: ContainerSource, p: string): Promise<unknown>[] => [
    s.inspect(p),
    s.act(p, 'stop'),
    s.act(p, 'remove', { force: true }),
    s.act('web', p as never),
    s.logs(p),
    s.logs('web', { tail: p as never }),
    s.followLogs(p),
    s.followLogs('web', { tail: p as never }),
    s.stats(p),
    s.exec(p, { cols: 80, rows: 24 }),
    s.exec('web', { cols: 80, rows: 24, shell: p as never }),
  ];

  it(`refuses ${payloads.length} metacharacter payloads (seed ${SEED}) before running anything`, async () => {
    fs.rmSync(canary, { force: true });
    await source.list(); // connected, so a command count is all that could change
    const commands = counter.commands;
    for (const payload of payloads) {
      for (const attempt of entryPoints(source, payload)) {
        const error = await rejectionOf(attempt);
        expect(error, JSON.stringify(payload)).toBeInstanceOf(DockerInputError);
        expect((error as Error).message.length).toBeGreaterThan(10);
        expect((error as Error).message).not.toContain('\n');
      }
    }
    expect(counter.commands).toBe(commands);
    expect(fs.existsSync(canary)).toBe(false);
  });

  it('a reference that looks like an option is refused, and filters never reach the remote side', async () => {
    for (const ref of ['-rf', '--help', '-H', '--format={{.}}', '-']) {
      const error = await rejectionOf(source.inspect(ref));
      expect(error).toBeInstanceOf(DockerInputError);
      expect((error as Error).message).toContain('cannot start with "-"');
    }
    const commands = counter.commands;
    for (const payload of payloads.slice(0, 20))
      expect(await source.list({ filter: { name: payload, label: payload } })).toEqual([]);
    expect(counter.commands).toBe(commands + 20); // one `docker ps` each, nothing else
    expect(fs.existsSync(canary)).toBe(false);
  });

  it('the quoting underneath hands every payload to the remote program verbatim', async () => {
    const connection = await counter.get();
    for (const payload of payloads.filter((p) => !p.includes('\0'))) {
      const result = await connection.exec(['printf', '%s', payload]);
      expect(result.stdout, JSON.stringify(payload)).toBe(payload);
    }
    const nul = await rejectionOf(connection.exec(['printf', '%s', 'a\0b']));
    expect((nul as Error).message).toContain('NUL');
    connection.close();
    expect(fs.existsSync(canary)).toBe(false);
  });
});
