import http from 'node:http';

export interface LoadResult {
  requests: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Sends one request on `agent` and reports its status, or null when it failed without one. */
export type SendOne = (agent: http.Agent, done: (status: number | null) => void) => void;

/**
 * Closed-loop load: `concurrency` keep-alive clients each send the next request when the last
 * answers, for `durationMs`. A status other than `expect` counts as an error.
 */
export async function closedLoop(
  concurrency: number,
  durationMs: number,
  expect: number,
  send: SendOne,
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + durationMs;
  const one = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      send(agent, (status) => {
        if (status !== expect) errors++;
        if (status !== null) latencies.push(performance.now() - t0);
        resolve();
      });
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

/** Closed-loop GET load; anything but 200 is an error. */
export function load(
  url: string,
  headers: Record<string, string>,
  concurrency: number,
  durationMs: number,
): Promise<LoadResult> {
  return closedLoop(concurrency, durationMs, 200, (agent, done) => {
    http
      .get(url, { agent, headers }, (res) => {
        res.resume();
        res.on('end', () => done(res.statusCode ?? null));
      })
      .on('error', () => done(null));
  });
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
