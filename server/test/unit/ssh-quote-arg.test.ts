import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { commandLine, quoteArg } from '../../src/ssh';

describe('quoteArg', () => {
  it.each([
    ['plain', `'plain'`],
    ['', `''`],
    [`it's`, `'it'\\''s'`],
    [`'`, `''\\'''`],
    ['$(id) `id` ; | & \n', `'$(id) \`id\` ; | & \n'`],
  ])('quotes %j', (input, quoted) => {
    expect(quoteArg(input)).toBe(quoted);
  });

  it('refuses NUL bytes', () => {
    expect(() => quoteArg('a\0b')).toThrow('NUL');
  });

  it('round-trips through a real POSIX shell', () => {
    const args = [`'; rm -rf /; '`, '$(echo no)', '`echo no`', 'a\nb', `"'"'"`, '\\', '*', '~', ''];
    const out = execFileSync('/bin/sh', ['-c', `printf '%s\\0' ${args.map(quoteArg).join(' ')}`], {
      encoding: 'utf8',
    });
    expect(out.split('\0').slice(0, -1)).toEqual(args);
  });

  it('commandLine needs a command', () => {
    expect(() => commandLine([])).toThrow();
    expect(commandLine(['echo', 'a b'])).toBe(`'echo' 'a b'`);
  });
});
