import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp, type AppDeps, type BuiltApp } from '../../src/app';
import type { Clock } from '../../src/clock';
import { loadConfig, type Config } from '../../src/config';
import { openDatabase, type Database, type Dialect } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';

export const TEST_SECRET_KEY = Buffer.alloc(32, 42).toString('base64');

/** The repository's `agent/` folder: the real agent script and installer. */
export const AGENT_DIR = path.resolve(import.meta.dirname, '../../../agent');

export const dialects: Dialect[] = ['sqlite', 'postgres'];

/** A fresh, migrated database: in-memory SQLite, or a new database in the suite's PostgreSQL cluster. */
export async function freshDatabase(
  dialect: Dialect,
  sqliteFile = ':memory:',
  migrate = true,
): Promise<Database> {
  if (dialect === 'sqlite') {
    const database = openDatabase({ sqliteFile });
    if (migrate) await migrateToLatest(database);
    return database;
  }
  const adminUrl = inject('postgresUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const database = openDatabase({ databaseUrl: adminUrl.replace(/\/postgres$/, `/${name}`) });
  if (migrate) await migrateToLatest(database);
  return database;
}

export interface TestAppOptions {
  dialect?: Dialect;
  clock?: Clock;
  env?: Record<string, string>;
  loginLimits?: AppDeps['loginLimits'];
  passwordVerifier?: AppDeps['passwordVerifier'];
  logger?: AppDeps['logger'];
  /** A SQLite file instead of an in-memory database (for tests that read the file's bytes). */
  sqliteFile?: string;
  guestTaskTiming?: AppDeps['guestTaskTiming'];
  alertDelivery?: AppDeps['alertDelivery'];
  /** Reuse a database (a restart over the same data) instead of a fresh one. */
  database?: Database;
}

export interface TestApp extends BuiltApp {
  database: Database;
  config: Config;
  close(): Promise<void>;
}

export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await freshDatabase(options.dialect ?? 'sqlite', options.sqliteFile));
  const config = loadConfig({
    ARCHNEST_DATA_DIR: '/nonexistent',
    ARCHNEST_SECRET_KEY: TEST_SECRET_KEY,
    // Port checks reach out to every host's address: off unless a test turns them on (loopback only).
    ARCHNEST_SSH_REACHABILITY_INTERVAL_MS: '0',
    ...options.env,
  });
  const built = await buildApp({
    config,
    database,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.loginLimits ? { loginLimits: options.loginLimits } : {}),
    ...(options.passwordVerifier ? { passwordVerifier: options.passwordVerifier } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.guestTaskTiming ? { guestTaskTiming: options.guestTaskTiming } : {}),
    ...(options.alertDelivery ? { alertDelivery: options.alertDelivery } : {}),
    agentDir: AGENT_DIR,
  });
  return {
    ...built,
    database,
    config,
    async close() {
      await built.app.close();
      await database.close();
    },
  };
}
