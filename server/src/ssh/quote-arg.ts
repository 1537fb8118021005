/**
 * POSIX single-quoting: inside '...' nothing is special, and a quote itself is written as '\''. The
 * remote side always runs commands through the login shell, so this is the only safe way to hand it
 * an argv; callers never build command strings themselves.
 */
export function quoteArg(arg: string): string {
  if (arg.includes('\0')) throw new Error('a command argument cannot contain a NUL byte');
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function commandLine(argv: readonly string[]): string {
  if (argv.length === 0) throw new Error('a command needs at least one argument');
  return argv.map(quoteArg).join(' ');
}
