import net from 'node:net';
import type { Client } from 'ssh2';

export interface LoopbackForward {
  port: number;
  close(): void;
}

const ACCEPT_WINDOW_MS = 15_000;

/**
 * A one-shot loopback listener whose single connection is carried through `via` to host:port. The
 * OpenSSH client needs a TCP address to dial; this gives it one at the end of an ssh2-verified chain.
 * It accepts one connection only and stops listening right after (or when nobody comes in time).
 */
export function loopbackForward(via: Client, host: string, port: number): Promise<LoopbackForward> {
  return new Promise((resolve, reject) => {
    const sockets = new Set<net.Socket>();
    const server = net.createServer({ pauseOnConnect: true }, (socket) => {
      server.close();
      clearTimeout(timer);
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
      via.forwardOut('127.0.0.1', 0, host, port, (error, channel) => {
        if (error) {
          socket.destroy();
          return;
        }
        channel.on('error', () => socket.destroy());
        channel.on('close', () => socket.destroy());
        socket.on('close', () => channel.close());
        socket.pipe(channel).pipe(socket);
        socket.resume();
      });
    });
    const timer = setTimeout(() => server.close(), ACCEPT_WINDOW_MS);
    timer.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (!address || typeof address === 'string') {
        server.close();
        reject(new Error('loopback listener has no port'));
        return;
      }
      resolve({
        port: address.port,
        close() {
          clearTimeout(timer);
          server.close();
          for (const socket of sockets) socket.destroy();
        },
      });
    });
  });
}
