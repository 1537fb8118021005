import fs from 'node:fs';

const port = (address: string) => Number.parseInt(address.split(':').at(-1)!, 16);

/**
 * Bytes the kernel holds on established TCP connections with a local server on `serverPort`: what
 * the server sent and has not left its send queue, plus what arrived at the clients and was not read
 * (/proc/net/tcp and tcp6 tx_queue and rx_queue). The machine's connections, not only this process's.
 */
export function kernelQueuedBytes(serverPort: number): number {
  let total = 0;
  for (const file of ['/proc/self/net/tcp', '/proc/self/net/tcp6']) {
    if (!fs.existsSync(file)) continue;
    for (const line of fs.readFileSync(file, 'utf8').split('\n').slice(1)) {
      const [, local, remote, state, queues] = line.trim().split(/\s+/);
      if (!local || !remote || !queues || state !== '01') continue;
      const [tx, rx] = queues.split(':').map((q) => Number.parseInt(q, 16)) as [number, number];
      if (port(local) === serverPort) total += tx;
      if (port(remote) === serverPort) total += rx;
    }
  }
  return total;
}

/** The least of several samples over ~200 ms: data in transit comes and goes, data held back stays. */
export async function steadyKernelQueuedBytes(serverPort: number): Promise<number> {
  let least = Infinity;
  for (let i = 0; i < 6; i++) {
    least = Math.min(least, kernelQueuedBytes(serverPort));
    await new Promise((r) => setTimeout(r, 40));
  }
  return least;
}
