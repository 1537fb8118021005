import path from 'node:path';
import { z } from 'zod';
import { Edition } from '@archnest/contract';
import { oidcEnvSchema, readOidcEnv, type OidcEnv } from './auth/sso/sso-env';

const Port = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

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
  ARCHNEST_TRUST_PROXY: Bool.default(false),
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
  LOG_LEVEL: LogLevel.default('info'),
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
  trustProxy: boolean;
  sessionIdleMs: number;
  sessionMaxMs: number;
  terminalGraceMs: number;
  terminalIdleMs: number;
  sshKeepaliveMs: number;
  dockerTimeoutMs: number;
  /** Built web app to serve; undefined serves the API only. */
  webDir: string | undefined;
  logLevel: z.infer<typeof LogLevel>;
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
    sessionIdleMs: e.ARCHNEST_SESSION_IDLE_HOURS * 3_600_000,
    sessionMaxMs: e.ARCHNEST_SESSION_MAX_HOURS * 3_600_000,
    terminalGraceMs: e.ARCHNEST_TERMINAL_GRACE_MINUTES * 60_000,
    terminalIdleMs: e.ARCHNEST_TERMINAL_IDLE_MINUTES * 60_000,
    sshKeepaliveMs: e.ARCHNEST_SSH_KEEPALIVE_SECONDS * 1000,
    dockerTimeoutMs: e.ARCHNEST_DOCKER_TIMEOUT_SECONDS * 1000,
    webDir: e.ARCHNEST_WEB_DIR ? path.resolve(e.ARCHNEST_WEB_DIR) : defaultWebDir,
    logLevel: e.LOG_LEVEL,
    oidc: readOidcEnv(e),
  };
}
