import type { ContainerSource } from '../../server/src/docker';
import type { ShellChannel } from '../../server/src/ssh';
import { percentile } from '../lib/load';

interface Timed {
  /** Sends `text` and resolves with the ms until `marker` is in the output. */
  roundTrip(text: string, marker: string): Promise<number>;
  close(): void;
}

async function timedShell(source: ContainerSource, ref: string): Promise<Timed> {
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
    roundTrip: (typed, marker) =>
      new Promise<number>((resolve, reject) => {
        const started = performance.now();
        const timer = setTimeout(() => reject(new Error(`no ${JSON.stringify(marker)} within 10 s`)), 10_000);
        text = '';
        waiting = {
          marker,
          resolve: () => {
            clearTimeout(timer);
            resolve(performance.now() - started);
          },
        };
        shell.write(Buffer.from(typed));
      }),
    close: () => shell.close(),
  };
}

export interface EchoFigures {
  p50: number;
  p99: number;
}

export interface ExecFigures {
  /** One keystroke into `cat`, echoed by the container's pty (what typing feels like). */
  keystroke: EchoFigures;
  /** `echo $((i+1000000))` typed as a line until its result arrives (includes the shell's own work). */
  command: EchoFigures;
}

const figures = (list: number[]): EchoFigures => {
  list.sort((a, b) => a - b);
  return { p50: percentile(list, 50), p99: percentile(list, 99) };
};

/** Runs `step(i)` on every shell in turn, round trip by round trip, so all see the same moments. */
async function alternate(
  shells: Timed[],
  count: number,
  step: (shell: Timed, i: number) => Promise<number>,
): Promise<number[][]> {
  for (let i = 0; i < 10; i++) for (const shell of shells) await step(shell, i); // warm-up
  const times: number[][] = shells.map(() => []);
  for (let i = 10; i < count + 10; i++)
    for (const [n, shell] of shells.entries()) times[n]?.push(await step(shell, i));
  return times;
}

/**
 * Interactive latency of an exec console through each source, alternating between them. Keystrokes
 * go into `cat` (the pty echoes each one, as in the terminal bench); commands are typed as lines
 * whose text never contains their result, so the echo of the typing does not count. Figures in ms.
 */
export async function echoRoundTrips(
  sources: ContainerSource[],
  ref: string,
  counts: { keystrokes: number; commands: number },
): Promise<ExecFigures[]> {
  const shells = await Promise.all(sources.map((source) => timedShell(source, ref)));
  try {
    const commands = await alternate(shells, counts.commands, (shell, i) =>
      shell.roundTrip(`echo $((${i}+1000000))\n`, `${1_000_000 + i}\r\n`),
    );
    for (const shell of shells) await shell.roundTrip('echo cat-$((1+1))\ncat\n', 'cat-2');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Alternating letters, so an echo can never be mistaken for the previous one's.
    const keystrokes = await alternate(shells, counts.keystrokes, (shell, i) => {
      const letter = i % 2 === 0 ? 'a' : 'b';
      return shell.roundTrip(letter, letter);
    });
    return shells.map((_, n) => ({ keystroke: figures(keystrokes[n]!), command: figures(commands[n]!) }));
  } finally {
    for (const shell of shells) shell.close();
  }
}
