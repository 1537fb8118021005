import type { EnvVar } from './container-source';

/*
 * Container env often carries credentials (POSTGRES_PASSWORD, API_TOKEN, AWS_SECRET_ACCESS_KEY…).
 * Anyone who may list containers may not see those, so values are masked by the variable's name
 * before any source returns them. The rule errs on the side of hiding: a hidden harmless value costs
 * a click to `docker inspect`, a shown secret cannot be taken back.
 */

export const MASK = '***';

/** Anywhere in the name, case-insensitive. */
export const SECRET_PARTS = [
  'PASSWORD',
  'PASSWD',
  'PASSPHRASE',
  'SECRET',
  'TOKEN',
  'KEY',
  'CREDENTIAL',
  'PRIVATE',
  'AUTH',
  'SALT',
  'COOKIE',
  'SESSION',
  'SIGNATURE',
  'CERT',
  'DSN',
  'CONNECTION_STRING',
];
/** Only as a whole `_`-separated word: short ones that would otherwise hit harmless names (PATH, SPIN). */
export const SECRET_WORDS = ['PASS', 'PWD', 'PW', 'PIN', 'JWT', 'OTP'];
/** The shell's own working-directory variables, which contain "PWD" but are never secret. */
const NOT_SECRET = new Set(['PWD', 'OLDPWD']);

export function isSecretEnvName(name: string): boolean {
  const upper = name.toUpperCase();
  if (NOT_SECRET.has(upper)) return false;
  if (SECRET_PARTS.some((part) => upper.includes(part))) return true;
  return upper.split(/[^A-Z0-9]+/).some((word) => SECRET_WORDS.includes(word));
}

/** `scheme://user:password@host` under any name (DATABASE_URL, REDIS_URL…): the password is hidden. */
const URL_CREDENTIALS = /([a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^\s:/@]*):[^\s@/]+@/g;

export function maskEnvEntry(entry: string): EnvVar {
  const eq = entry.indexOf('=');
  const name = eq === -1 ? entry : entry.slice(0, eq);
  const value = eq === -1 ? '' : entry.slice(eq + 1);
  if (isSecretEnvName(name)) return { name, value: MASK, masked: true };
  const scrubbed = value.replace(URL_CREDENTIALS, `$1:${MASK}@`);
  return { name, value: scrubbed, masked: scrubbed !== value };
}

/** Docker's `NAME=value` list (Config.Env) as masked variables, in order. */
export function maskEnv(entries: readonly string[] | null | undefined): EnvVar[] {
  return (entries ?? []).map(maskEnvEntry);
}
