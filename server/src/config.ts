import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { Edition } from '@archnest/contract';
import { oidcEnvSchema, readOidcEnv, type OidcEnv } from './auth/sso/sso-env';

const Port = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

const TRUST_PROXY_HELP =
  'must be the number of reverse proxies in front of ArchNest (e.g. 1) or their addresses/CIDRs (e.g. 127.0.0.1,10.0.0.0/8,fd00::/8); false trusts none';
const NAMED_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrCidr(entry: string): boolean {
  if (NAMED_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * How many proxies to believe in `X-Forwarded-For` (counted from our socket), or which addresses
 * are proxies. The client is the rightmost address not trusted. `true` is refused: it would believe
 * the leftmost entry, which the client writes.
 */
const TrustProxy = z.string().transform((v, ctx): false | number | string[] => {
  const value = v.trim().toLowerCase();
  if (['false', 'no', 'off', '0', 'none'].includes(value)) return false;
  if (/^\d+$/.test(value) && Number(value) <= 32) return Number(value);
  const entries = value.split(',').map((e) => e.trim());
  if (['true', 'yes', 'on'].includes(value) || !entries.every(isAddressOrCidr)) {
    ctx.addIssue({ code: 'custom', message: TRUST_PROXY_HELP });
    return z.NEVER;
  }
  return entries;
});

const Count = (what: string, min: number, max: number) =>
  z.coerce
    .number({ error: `must be a number of ${what}` })
    .int(`must be a whole number of ${what}`)
    .min(min, `must be between ${min} and ${max} ${what}`)
    .max(max, `must be between ${min} and ${max} ${what}`);

const Bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => ['true', '1', 'yes'].includes(v));

const Hours = z.coerce
  .number({ error: 'must be a number of hours' })
  .positive('must be greater than 0')
  .max(24 * 365);

const SecretKey = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32 && /^[A-Za-z0-9+/]+={0,2}$/.test(v), {
    message: 'must be 32 bytes encoded as base64 (try: openssl rand -base64 32)',
  });

const PublicUrl = z
  .string()
  .refine((v) => URL.canParse(v) && ['http:', 'https:'].includes(new URL(v).protocol), {
    message: 'must be an http:// or https:// URL such as https://archnest.example.com',
  })
  .transform((v) => new URL(v).origin);

const DatabaseUrl = z.string().refine((v) => /^postgres(ql)?:\/\//.test(v) && URL.canParse(v), {
  message: 'must be a postgres:// or postgresql:// URL',
});

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
  error: 'must be one of fatal, error, warn, info, debug, trace, silent',
});

const Env = z.object({
  PORT: Port.default(8080),
  HOST: z.string().min(1, 'must not be empty').default('0.0.0.0'),
  ARCHNEST_DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
  DATABASE_URL: DatabaseUrl.optional(),
  ARCHNEST_SECRET_KEY: SecretKey.optional(),
  ARCHNEST_PUBLIC_URL: PublicUrl.optional(),
  ARCHNEST_AGENT_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  ARCHNEST_EDITION: Edition.default('community'),
  ARCHNEST_TRUST_PROXY: TrustProxy.default(false),
  ARCHNEST_LOGIN_AUDIT_DAYS: Count('days', 1, 3650).default(90),
  ARCHNEST_LOGIN_AUDIT_MAX_ROWS: Count('rows', 100, 10_000_000).default(100_000),
  ARCHNEST_SSH_TESTS_PER_USER: Count('connection tests', 1, 100).default(4),
  ARCHNEST_SESSION_IDLE_HOURS: Hours.default(24 * 7),
  ARCHNEST_SESSION_MAX_HOURS: Hours.default(24 * 30),
  ARCHNEST_WEB_DIR: z.string().min(1).optional(),
  ARCHNEST_TERMINAL_GRACE_MINUTES: z.coerce
    .number({ error: 'must be a number of minutes' })
    .min(0)
    .max(24 * 60)
    .default(15),
  ARCHNEST_TERMINAL_IDLE_MINUTES: z.coerce
    .number({ error: 'must be a number of minutes (0 turns it off)' })
    .min(0)
    .max(7 * 24 * 60)
    .default(0),
  ARCHNEST_DOCKER_TIMEOUT_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .min(1)
    .max(120)
    .default(5),
  ARCHNEST_SSH_KEEPALIVE_SECONDS: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int('must be a whole number of seconds')
    .min(1, 'must be between 1 and 3600 seconds')
    .max(3600, 'must be between 1 and 3600 seconds')
    .default(15),
  ARCHNEST_SSH_REACHABILITY_INTERVAL_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .refine((v) => v === 0 || (v >= 1000 && v <= 86_400_000), 'must be 0 (off) or 1000–86400000 ms')
    .default(30_000),
  ARCHNEST_SSH_REACHABILITY_TIMEOUT_MS: Count('milliseconds', 100, 60_000).default(5000),
  ARCHNEST_SSH_REACHABILITY_CONCURRENCY: Count('checks', 1, 256).default(16),
  LOG_LEVEL: LogLevel.default('info'),
  ARCHNEST_METRICS: Bool.default(false),
  ARCHNEST_METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  ...oidcEnvSchema,
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  secretKey: string | undefined;
  publicUrl: string | undefined;
  agentToken: string | undefined;
  edition: Edition;
  /** false: the socket address is the client; a hop count or proxy addresses/CIDRs otherwise. */
  trustProxy: false | number | string[];
  loginAuditMaxAgeMs: number;
  loginAuditMaxRows: number;
  /** SSH "test connection" runs one user may have in flight at once. */
  sshTestsPerUser: number;
  sessionIdleMs: number;
  sessionMaxMs: number;
  terminalGraceMs: number;
  terminalIdleMs: number;
  sshKeepaliveMs: number;
  /** SSH port checks (TCP + banner): interval (0 = off), per-check timeout, checks in flight. */
  sshReachability: { intervalMs: number; timeoutMs: number; concurrency: number };
  dockerTimeoutMs: number;
  /** Built web app to serve; undefined serves the API only. */
  webDir: string | undefined;
  logLevel: z.infer<typeof LogLevel>;
  /** Prometheus `/metrics` (docs/operations.md): off unless enabled; a bearer token and/or an admin session. */
  metrics: { enabled: boolean; token: string | undefined };
  /** `ARCHNEST_OIDC_*`: single sign-on settings the environment fixes (locked in the UI). */
  oidc: OidcEnv;
}

export class ConfigError extends Error {}

/** Empty strings count as unset, so `FOO= npm start` behaves like leaving FOO out. */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''),
  );
}

/** Reads and validates the environment; the only place in the server that touches process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, defaultWebDir?: string): Config {
  const parsed = Env.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    const value = env[name];
    const shown =
      name === 'ARCHNEST_SECRET_KEY' ||
      name === 'ARCHNEST_AGENT_TOKEN' ||
      name === 'ARCHNEST_METRICS_TOKEN' ||
      name === 'DATABASE_URL' ||
      name === 'ARCHNEST_OIDC_CLIENT_SECRET'
        ? ''
        : ` (got "${value}")`;
    throw new ConfigError(`Invalid configuration: ${name} ${issue.message}${shown}`);
  }
  const e = parsed.data;
  if (e.ARCHNEST_SESSION_IDLE_HOURS > e.ARCHNEST_SESSION_MAX_HOURS) {
    throw new ConfigError(
      'Invalid configuration: ARCHNEST_SESSION_IDLE_HOURS must not exceed ARCHNEST_SESSION_MAX_HOURS',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.ARCHNEST_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    secretKey: e.ARCHNEST_SECRET_KEY,
    publicUrl: e.ARCHNEST_PUBLIC_URL,
    agentToken: e.ARCHNEST_AGENT_TOKEN,
    edition: e.ARCHNEST_EDITION,
    trustProxy: e.ARCHNEST_TRUST_PROXY,
    loginAuditMaxAgeMs: e.ARCHNEST_LOGIN_AUDIT_DAYS * 24 * 3_600_000,
    loginAuditMaxRows: e.ARCHNEST_LOGIN_AUDIT_MAX_ROWS,
    sshTestsPerUser: e.ARCHNEST_SSH_TESTS_PER_USER,
    sessionIdleMs: e.ARCHNEST_SESSION_IDLE_HOURS * 3_600_000,
    sessionMaxMs: e.ARCHNEST_SESSION_MAX_HOURS * 3_600_000,
    terminalGraceMs: e.ARCHNEST_TERMINAL_GRACE_MINUTES * 60_000,
    terminalIdleMs: e.ARCHNEST_TERMINAL_IDLE_MINUTES * 60_000,
    sshKeepaliveMs: e.ARCHNEST_SSH_KEEPALIVE_SECONDS * 1000,
    sshReachability: {
      intervalMs: e.ARCHNEST_SSH_REACHABILITY_INTERVAL_MS,
      timeoutMs: e.ARCHNEST_SSH_REACHABILITY_TIMEOUT_MS,
      concurrency: e.ARCHNEST_SSH_REACHABILITY_CONCURRENCY,
    },
    dockerTimeoutMs: e.ARCHNEST_DOCKER_TIMEOUT_SECONDS * 1000,
    webDir: e.ARCHNEST_WEB_DIR ? path.resolve(e.ARCHNEST_WEB_DIR) : defaultWebDir,
    logLevel: e.LOG_LEVEL,
    metrics: { enabled: e.ARCHNEST_METRICS, token: e.ARCHNEST_METRICS_TOKEN },
    oidc: readOidcEnv(e),
  };
}
