import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  freePort,
  makeTlsFiles,
  startDockerd,
  type DockerdServer,
  type TlsFiles,
} from '@archnest/test-support';
import { DockerInputError, EngineApiSource, SourceUnavailableError } from '../../src/docker';
import { describeContainerSource, seedContainers } from '../helpers/container-source-suite';
import { rejectionOf } from '../helpers/ssh-fixtures';

let dockerd: DockerdServer;
let source: EngineApiSource;
let tlsDir: string;
let tls: TlsFiles;
let tlsPort: number;

beforeAll(async () => {
  tlsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-docker-tls-'));
  tls = makeTlsFiles(tlsDir);
  tlsPort = await freePort();
  dockerd = await startDockerd({ tcpTls: { port: tlsPort, tls } });
  seedContainers(dockerd);
  source = new EngineApiSource({ label: 'local', endpoint: { socketPath: dockerd.socketPath } });
}, 120_000);

afterAll(async () => {
  source?.close();
  await dockerd?.stop();
  if (tlsDir) fs.rmSync(tlsDir, { recursive: true, force: true });
}, 60_000);

describeContainerSource('Engine API over a unix socket', () => source);

describe('Engine API: hosts that are down or slow', () => {
  it('a TCP port with nothing listening fails at once with a clear message', async () => {
    const port = await freePort();
    const down = new EngineApiSource({ label: 'down', endpoint: { host: '127.0.0.1', port } });
    const started = Date.now();
    const error = await rejectionOf(down.list());
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as Error).message).toBe('Cannot reach Docker on down: the connection was refused.');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a listener that never answers fails within the default 5 s', async () => {
    const sockets: net.Socket[] = [];
    let closed = 0;
    const silent = net.createServer((socket) => {
      sockets.push(socket);
      socket.resume();
      socket.on('close', () => closed++);
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const slow = new EngineApiSource({ label: 'slow', endpoint: { host: '127.0.0.1', port } });
      const started = Date.now();
      const error = await rejectionOf(slow.list());
      const took = Date.now() - started;
      expect(error).toBeInstanceOf(SourceUnavailableError);
      expect((error as Error).message).toBe('Docker on slow did not answer within 5 s (listing containers).');
      expect(took).toBeGreaterThanOrEqual(4900);
      expect(took).toBeLessThan(6500);
      // The aborted request leaves no socket open on our side.
      expect(sockets.length).toBeGreaterThan(0);
      for (let i = 0; i < 250 && closed !== sockets.length; i++) await new Promise((r) => setTimeout(r, 20));
      expect(closed).toBe(sockets.length);
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it('a missing socket, and bad endpoint settings, are named plainly', async () => {
    const missing = new EngineApiSource({
      label: 'gone',
      endpoint: { socketPath: '/nonexistent/docker.sock' },
    });
    expect(((await rejectionOf(missing.images())) as Error).message).toBe(
      'Cannot reach Docker on gone: there is no Docker socket at that path.',
    );
    expect(() => new EngineApiSource({ label: 'x', endpoint: { host: '127.0.0.1', port: 0 } })).toThrow(
      DockerInputError,
    );
    expect(() => new EngineApiSource({ label: 'x', endpoint: { host: 'a b', port: 2375 } })).toThrow(
      'A Docker host must be a host name or an IP address.',
    );
    expect(
      () =>
        new EngineApiSource({
          label: 'x',
          endpoint: { host: '127.0.0.1', port: 2376, tls: { ca: 'x', cert: 'y' } },
        }),
    ).toThrow('A TLS client certificate needs both the certificate and its key.');
  });
});

describe('Engine API over TCP with TLS', () => {
  const read = (file: string) => fs.readFileSync(file, 'utf8');
  const tlsSource = (label: string, settings: { ca: string; cert?: string; key?: string }) =>
    new EngineApiSource({ label, endpoint: { host: '127.0.0.1', port: tlsPort, tls: settings } });

  it('reaches the daemon with the CA and a client certificate', async () => {
    const secure = tlsSource('tls', {
      ca: read(tls.caCert),
      cert: read(tls.clientCert),
      key: read(tls.clientKey),
    });
    expect((await secure.list()).map((c) => c.name)).toContain('web');
    const env = (await secure.inspect('web')).env.find((e) => e.name === 'DB_PASSWORD');
    expect(env).toEqual({ name: 'DB_PASSWORD', value: '***', masked: true });
  });

  it('refuses a daemon whose certificate another CA signed', async () => {
    const other = makeTlsFiles(path.join(tlsDir, 'other'));
    const wrong = tlsSource('tls-wrong-ca', {
      ca: read(other.caCert),
      cert: read(tls.clientCert),
      key: read(tls.clientKey),
    });
    const error = await rejectionOf(wrong.list());
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as Error).message).toMatch(
      /^TLS with Docker on tls-wrong-ca failed: .*signed by the configured CA/,
    );
  });

  it('without a client certificate the daemon says no, and the error says where', async () => {
    const anonymous = tlsSource('tls-no-cert', { ca: read(tls.caCert) });
    const error = await rejectionOf(anonymous.list());
    expect(error).toBeInstanceOf(SourceUnavailableError);
    expect((error as Error).message).toContain('tls-no-cert');
  });
});
