import fs from 'node:fs';
import net from 'node:net';

/**
 * Where the kernel's ephemeral range starts: the source ports of outgoing connections come from it,
 * so a port found free there can be taken by any process's next connection before our server binds it.
 */
function ephemeralLow(): number {
  try {
    return Number(fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
  } catch {
    return 32768;
  }
}

const EPHEMERAL_LOW = ephemeralLow();
/** Ports below the ephemeral range, for test servers only; empty when the range starts too low. */
const POOL = { low: Math.max(10_000, EPHEMERAL_LOW - 12_000), high: EPHEMERAL_LOW - 1 };
const handedOut = new Set<number>();

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function kernelPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/**
 * A free loopback port for a test server to bind. Chosen at random below the kernel's ephemeral
 * range, so no outgoing connection (of this suite's parallel workers or anything else) can take it
 * between this check and the bind; never the same port twice in one process.
 */
export async function freePort(): Promise<number> {
  if (POOL.high - POOL.low < 1000) return kernelPort();
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = POOL.low + Math.floor(Math.random() * (POOL.high - POOL.low + 1));
    if (handedOut.has(port)) continue;
    handedOut.add(port); // before the check, so parallel calls in this process never share a port
    if (await canListen(port)) return port;
    handedOut.delete(port);
  }
  return kernelPort();
}

export async function waitFor(
  check: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}
