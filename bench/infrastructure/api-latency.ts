import http from 'node:http';
import { load, median, type LoadResult } from '../lib/load';

export interface LatencyTarget {
  label: string;
  path: string;
  /** Sent with the request; the baseline goes without. */
  cookie?: string;
}

export interface LatencyFigures {
  label: string;
  path: string;
  /** Medians over the runs. */
  p50Ms: number;
  p99Ms: number;
  perSecond: number;
  /** Wire bytes of one answer, with a browser's Accept-Encoding. */
  bytes: number;
}

export interface LatencyOptions {
  base: string;
  targets: LatencyTarget[];
  concurrency: number;
  durationMs: number;
  runs: number;
}

/** What a browser sends; the server gzips large tile details once per poll. */
const BROWSER_HEADERS = { 'accept-encoding': 'gzip, deflate, br' };

/** Bytes on the wire (after any content encoding). */
function wireBytes(url: string, cookie: string | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { ...BROWSER_HEADERS, ...(cookie ? { cookie } : {}) } }, (res) => {
        let n = 0;
        res.on('data', (c: Buffer) => (n += c.length));
        res.on('end', () =>
          res.statusCode === 200 ? resolve(n) : reject(new Error(`${url}: ${res.statusCode}`)),
        );
      })
      .on('error', reject);
  });
}

/**
 * p50/p99 of each target under closed-loop load with `concurrency` keep-alive clients; the targets are
 * interleaved run by run, so a baseline and the endpoints under test see the same machine state.
 */
export async function measureApiLatency(options: LatencyOptions): Promise<LatencyFigures[]> {
  const results = new Map<string, LoadResult[]>();
  for (let run = 0; run < options.runs; run++) {
    for (const target of options.targets) {
      const headers: Record<string, string> = {
        ...BROWSER_HEADERS,
        ...(target.cookie ? { cookie: target.cookie } : {}),
      };
      const r = await load(`${options.base}${target.path}`, headers, options.concurrency, options.durationMs);
      if (r.errors) throw new Error(`${r.errors} failed requests to ${target.path}`);
      results.set(target.label, [...(results.get(target.label) ?? []), r]);
    }
  }
  const figures: LatencyFigures[] = [];
  for (const target of options.targets) {
    const runs = results.get(target.label) ?? [];
    figures.push({
      label: target.label,
      path: target.path,
      p50Ms: median(runs.map((r) => r.p50Ms)),
      p99Ms: median(runs.map((r) => r.p99Ms)),
      perSecond: median(runs.map((r) => r.perSecond)),
      bytes: await wireBytes(`${options.base}${target.path}`, target.cookie),
    });
  }
  return figures;
}
