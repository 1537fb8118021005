import http from 'node:http';
import { percentile, type LoadResult } from './load';

/**
 * Closed-loop POST load: `concurrency` keep-alive clients each send the next body (round robin over
 * `bodies`) when the last answers. Any status other than `expect` counts as an error.
 */
export async function postLoad(
  url: string,
  headers: Record<string, string>,
  bodies: readonly Buffer[],
  concurrency: number,
  durationMs: number,
  expect: number,
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  const one = () =>
    new Promise<void>((resolve) => {
      const body = bodies[next++ % bodies.length]!;
      const t0 = performance.now();
      const req = http.request(
        url,
        { method: 'POST', agent, headers: { ...headers, 'content-length': String(body.length) } },
        (res) => {
          res.resume();
          res.on('end', () => {
            if (res.statusCode !== expect) errors++;
            latencies.push(performance.now() - t0);
            resolve();
          });
        },
      );
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(body);
    });
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) await one();
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    seconds,
    perSecond: latencies.length / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    errors,
  };
}
