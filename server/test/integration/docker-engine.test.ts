import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startDockerd, type DockerdServer } from '@archnest/test-support';
import { DockerInputError, EngineApiSource, SourceUnavailableError } from '../../src/docker';
import { describeContainerSource, seedContainers } from '../helpers/container-source-suite';
import { rejectionOf } from '../helpers/ssh-fixtures';

let dockerd: DockerdServer;
let source: EngineApiSource;

beforeAll(async () => {
  dockerd = await startDockerd();
  seedContainers(dockerd);
  source = new EngineApiSource({ label: 'local', endpoint: { socketPath: dockerd.socketPath } });
}, 120_000);

afterAll(async () => {
  source?.close();
  await dockerd?.stop();
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
      await new Promise((r) => setTimeout(r, 200));
      expect(sockets.length).toBeGreaterThan(0);
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
