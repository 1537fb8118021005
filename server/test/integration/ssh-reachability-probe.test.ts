import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startSshd, type SshdServer } from '@archnest/test-support';
import { probeSshBanner } from '../../src/modules/reachability/ssh-banner-probe';

/** A loopback TCP server that answers each connection its own way. */
async function tcpServer(
  onConnection: (socket: net.Socket) => void,
): Promise<{ port: number; close(): void }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    close() {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

/** The port check against real OpenSSH and against ports that are not SSH, each with its plain reason. */
describe('SSH banner probe', () => {
  let sshd: SshdServer;
  const servers: { close(): void }[] = [];

  beforeAll(async () => {
    sshd = await startSshd();
  });
  afterAll(async () => {
    for (const s of servers) s.close();
    await sshd?.stop();
  });

  it('a real sshd is up: its OpenSSH banner and a latency', async () => {
    const result = await probeSshBanner('127.0.0.1', sshd.port, 5000);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.banner).toMatch(/^SSH-2\.0-OpenSSH_/);
    expect(result.latencyMs).toBeGreaterThanOrEqual(0);
    expect(result.latencyMs).toBeLessThan(5000);
  });

  it('a closed port is down: connection refused', async () => {
    const port = await freePort();
    const result = await probeSshBanner('127.0.0.1', port, 2000);
    expect(result).toEqual({
      ok: false,
      latencyMs: null,
      error: `Connection refused: nothing listens on port ${port}.`,
    });
  });

  it('a silent TCP server is down once the timeout passes: open but no banner', async () => {
    const silent = await tcpServer(() => undefined);
    servers.push(silent);
    const started = Date.now();
    const result = await probeSshBanner('127.0.0.1', silent.port, 400);
    const took = Date.now() - started;
    expect(result).toEqual({
      ok: false,
      latencyMs: null,
      error: 'The port is open but sent no SSH banner within 0.4 s.',
    });
    expect(took).toBeGreaterThanOrEqual(390);
    expect(took).toBeLessThan(2000);
  });

  it('a server that speaks something else is down, saying what it sent', async () => {
    const http = await tcpServer((s) => s.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'));
    servers.push(http);
    const result = await probeSshBanner('127.0.0.1', http.port, 2000);
    expect(result).toMatchObject({
      ok: false,
      error: 'The port answered, but not with SSH (it sent "HTTP/1.1 400 Bad Request").',
    });
  });

  it('a server that hangs up at once is down: closed before the banner', async () => {
    const closer = await tcpServer((s) => s.end());
    servers.push(closer);
    const result = await probeSshBanner('127.0.0.1', closer.port, 2000);
    expect(result).toMatchObject({
      ok: false,
      error: 'The connection was closed before the SSH banner arrived.',
    });
  });

  it('lines before the banner are allowed (RFC 4253 §4.2); SSH-1 only is refused', async () => {
    const chatty = await tcpServer((s) => s.write('Welcome to the box\r\nSSH-2.0-Custom_1.0\r\n'));
    const old = await tcpServer((s) => s.write('SSH-1.5-Ancient\r\n'));
    servers.push(chatty, old);
    expect(await probeSshBanner('127.0.0.1', chatty.port, 2000)).toMatchObject({
      ok: true,
      banner: 'SSH-2.0-Custom_1.0',
    });
    expect(await probeSshBanner('127.0.0.1', old.port, 2000)).toMatchObject({
      ok: false,
      error: 'The server speaks an SSH version this check does not accept (SSH-1.5-Ancient).',
    });
  });
});
