import type { ContainerSource } from '../../server/src/docker';
import type { ShellChannel } from '../../server/src/ssh';
import { percentile } from '../lib/load';

interface Timed {
  roundTrip(i: number): Promise<number>;
  close(): void;
}

/** One shell; `echo $((i+1000000))` typed and timed until its output line arrives. */
async function echoShell(source: ContainerSource, ref: string): Promise<Timed> {
  const shell: ShellChannel = await source.exec(ref, { cols: 120, rows: 40 });
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
  return {
    roundTrip: (i) =>
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
      }),
    close: () => shell.close(),
  };
}

export interface EchoFigures {
  p50: number;
  p99: number;
}

/**
 * Interactive latency of an exec console through each source, in turn round trip by round trip so
 * both see the same moments of a busy machine. The typed text never contains the result, so the
 * terminal's own echo of the command does not count. Figures in ms.
 */
export async function echoRoundTrips(
  sources: ContainerSource[],
  ref: string,
  count: number,
): Promise<EchoFigures[]> {
  const shells = await Promise.all(sources.map((source) => echoShell(source, ref)));
  try {
    for (let i = 0; i < 10; i++) for (const shell of shells) await shell.roundTrip(i); // warm-up
    const times: number[][] = shells.map(() => []);
    for (let i = 10; i < count + 10; i++)
      for (const [n, shell] of shells.entries()) times[n]?.push(await shell.roundTrip(i));
    return times.map((list) => {
      list.sort((a, b) => a - b);
      return { p50: percentile(list, 50), p99: percentile(list, 99) };
    });
  } finally {
    for (const shell of shells) shell.close();
  }
}
