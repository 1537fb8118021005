import type { SshConnection } from '../../src/ssh';

/** Counts connections made and commands started through them, to prove reuse and "nothing ran". */
export class CountingConnector {
  connects = 0;
  commands = 0;
  last: SshConnection | undefined;

  constructor(private readonly connect: () => Promise<SshConnection>) {}

  readonly get = async (): Promise<SshConnection> => {
    this.connects++;
    const real = await this.connect();
    this.last = real;
    const count = () => this.commands++;
    return {
      transport: real.transport,
      hostKeys: real.hostKeys,
      shell: (options) => real.shell(options),
      exec: (argv, options) => (count(), real.exec(argv, options)),
      execStream: (argv) => (count(), real.execStream(argv)),
      execPty: (argv, options) => (count(), real.execPty(argv, options)),
      close: () => real.close(),
      onClose: (listener) => real.onClose(listener),
    };
  };
}

/** A small seeded generator, so a failing payload can be reproduced from the seed in the test name. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const META = [
  ';',
  '|',
  '&',
  '$',
  '(',
  ')',
  '`',
  "'",
  '"',
  '\\',
  '<',
  '>',
  '*',
  '?',
  '!',
  '{',
  '}',
  '[',
  ']',
  '~',
  '#',
];
const FILLER = [...META, ' ', '\n', '\t', '-', '--', '\0', 'a', 'Z', '9', '.', '_', '=', '/', '%', '\u00e9'];

/** Ways to smuggle `touch <canary>` into a shell command line. */
function injections(canary: string): string[] {
  const touch = `touch ${canary}`;
  return [
    `;${touch}`,
    `$(${touch})`,
    `\`${touch}\``,
    `|${touch}`,
    `&&${touch}`,
    `||${touch}`,
    `\n${touch}\n`,
    `';${touch};'`,
    `";${touch};"`,
    `'$(${touch})'`,
    `\\';${touch};#`,
    `$({${touch.replace(' ', ',')}})`,
    `>${canary}`,
    `&${touch}&`,
    `\${IFS}${touch}`,
  ];
}

/** Strings built from shell metacharacters, each carrying an attempt to create `canary`. */
export function hostilePayloads(canary: string, count: number, seed: number): string[] {
  const random = seeded(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const attempts = injections(canary);
  const payloads: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = random() < 0.3 ? pick(['-', '--', '-rf ', '--help', '-H ']) : pick(['web', 'x', '']);
    const parts = 1 + Math.floor(random() * 4);
    for (let p = 0; p < parts; p++) {
      text += random() < 0.5 ? pick(attempts) : '';
      for (let f = Math.floor(random() * 6); f > 0; f--) text += pick(FILLER);
    }
    // Every payload carries at least one attempt and at least one character the allowlist refuses.
    if (!attempts.some((a) => text.includes(a))) text += pick(attempts);
    payloads.push(text);
  }
  return payloads;
}
