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
  'BEARER',
  'WEBHOOK',
];
/** Only as a whole `_`-separated word: short ones that would otherwise hit harmless names (PATH, SPIN). */
export const SECRET_WORDS = ['PASS', 'PWD', 'PW', 'PIN', 'JWT', 'OTP', 'PAT', 'SEED'];
/** The shell's own working-directory variables, which contain "PWD" but are never secret. */
const NOT_SECRET = new Set(['PWD', 'OLDPWD']);

export function isSecretEnvName(name: string): boolean {
  const upper = name.toUpperCase();
  if (NOT_SECRET.has(upper)) return false;
  if (SECRET_PARTS.some((part) => upper.includes(part))) return true;
  return upper.split(/[^A-Z0-9]+/).some((word) => SECRET_WORDS.includes(word));
}

/**
 * Secrets inside values under any name, as regular expressions both JavaScript and the agent's jq
 * (Oniguruma) read the same way: `keep` stays, what follows it up to `tail` (or the end of the match)
 * becomes the mask. The agent script carries the same list as JSON; a test keeps the two equal.
 */
export interface ValueSecretRule {
  pattern: string;
  /** `i` for case-insensitive, or empty. */
  flags: '' | 'i';
}
export const VALUE_SECRET_RULES: readonly ValueSecretRule[] = [
  // scheme://user:password@host (DATABASE_URL, REDIS_URL…)
  { pattern: '(?<keep>[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s:/@]*:)[^\\s@/]+(?<tail>@)', flags: '' },
  // https://token@host: a user without a password in a web URL is a token
  { pattern: '(?<keep>https?://)[^\\s:/@]+(?<tail>@)', flags: 'i' },
  // webhook URLs whose path is the secret (Slack, Discord, Telegram bots, Teams, generic /hooks/)
  { pattern: '(?<keep>hooks\\.slack\\.com/)[^\\s?#,]+', flags: 'i' },
  { pattern: '(?<keep>api\\.telegram\\.org/bot)[^\\s/?#,]+', flags: 'i' },
  { pattern: '(?<keep>\\.webhook\\.office\\.com/)[^\\s?#,]+', flags: 'i' },
  { pattern: '(?<keep>://[^\\s/?#]+/(?:[^\\s?#,]*/)?(?:webhooks?|hooks)/)[^\\s?#,]+', flags: 'i' },
  // secret-looking query parameters
  {
    pattern:
      '(?<keep>[?&](?:token|access_token|api_key|apikey|key|secret|sig|signature|password|pass|auth)=)[^&\\s#,]+',
    flags: 'i',
  },
];
const valueRules = VALUE_SECRET_RULES.map((rule) => new RegExp(rule.pattern, `g${rule.flags}`));

/** `hit` also when a secret was masked already (by the pull agent on its host): the value is still a masked one. */
function scrubValue(value: string): { shown: string; hit: boolean } {
  let shown = value;
  let hit = false;
  for (const rule of valueRules)
    shown = shown.replace(rule, (...args: unknown[]) => {
      hit = true;
      const groups = args.at(-1) as { keep: string; tail?: string };
      return `${groups.keep}${MASK}${groups.tail ?? ''}`;
    });
  return { shown, hit };
}

export function maskEnvEntry(entry: string): EnvVar {
  const eq = entry.indexOf('=');
  const name = eq === -1 ? entry : entry.slice(0, eq);
  const value = eq === -1 ? '' : entry.slice(eq + 1);
  if (isSecretEnvName(name)) return { name, value: MASK, masked: true };
  const { shown, hit } = scrubValue(value);
  return { name, value: shown, masked: hit };
}

/** Docker's `NAME=value` list (Config.Env) as masked variables, in order. */
export function maskEnv(entries: readonly string[] | null | undefined): EnvVar[] {
  return (entries ?? []).map(maskEnvEntry);
}
