import type { ContainerSource } from '../../server/src/docker';
import { percentile } from '../lib/load';

/**
 * Interactive latency of an exec console: one shell, then `echo $((i+1000000))` typed and timed until
 * its output line arrives (the typed text never contains the result, so the terminal's own echo of
 * the command does not count). Returns p50 and p99 in ms.
 */
export async function echoRoundTrips(
  source: ContainerSource,
  ref: string,
  count: number,
): Promise<{ p50: number; p99: number }> {
  const shell = await source.exec(ref, { cols: 120, rows: 40 });
  let text = '';
  let waiting: { marker: string; resolve: () => void } | undefined;
  shell.onData((data) => {
    text += data.toString('utf8');
    if (waiting && text.includes(waiting.marker)) {
      const done = waiting.resolve;
      waiting = undefined;
      done();
    }
  });
  const roundTrip = (i: number) =>
    new Promise<number>((resolve, reject) => {
      const started = performance.now();
      const timer = setTimeout(() => reject(new Error(`no echo ${i} within 10 s`)), 10_000);
      text = '';
      waiting = {
        marker: `${1_000_000 + i}\r\n`,
        resolve: () => {
          clearTimeout(timer);
          resolve(performance.now() - started);
        },
      };
      shell.write(Buffer.from(`echo $((${i}+1000000))\n`));
    });
  try {
    for (let i = 0; i < 10; i++) await roundTrip(i); // warm-up
    const times: number[] = [];
    for (let i = 10; i < count + 10; i++) times.push(await roundTrip(i));
    times.sort((a, b) => a - b);
    return { p50: percentile(times, 50), p99: percentile(times, 99) };
  } finally {
    shell.close();
  }
}
