import http from 'node:http';
import { closedLoop, type LoadResult } from './load';

/**
 * Closed-loop POST load: `concurrency` keep-alive clients each send the next body (round robin over
 * `bodies`) when the last answers. Any status other than `expect` counts as an error.
 */
export function postLoad(
  url: string,
  headers: Record<string, string>,
  bodies: readonly Buffer[],
  concurrency: number,
  durationMs: number,
  expect: number,
): Promise<LoadResult> {
  let next = 0;
  return closedLoop(concurrency, durationMs, expect, (agent, done) => {
    const body = bodies[next++ % bodies.length]!;
    http
      .request(
        url,
        { method: 'POST', agent, headers: { ...headers, 'content-length': String(body.length) } },
        (res) => {
          res.resume();
          res.on('end', () => done(res.statusCode ?? null));
        },
      )
      .on('error', () => done(null))
      .end(body);
  });
}
