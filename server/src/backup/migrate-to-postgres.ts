import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import type { Config } from '../config';
import { openDatabase } from '../db/database';
import { createBackup } from './backup';
import { BackupError } from './backup-format';
import { listTables, type AnyDb } from './database-tables';
import { restoreBackup } from './restore';

export const MIGRATE_TO_POSTGRES_USAGE = `  npm run admin -- migrate-to-postgres <postgres-url>`;

export interface CopySummary {
  location: string;
  tables: Record<string, number>;
  rows: number;
}

async function rowCounts(url: string): Promise<Record<string, number>> {
  const target = openDatabase({ databaseUrl: url });
  try {
    const db = target.db as unknown as AnyDb;
    const counts: Record<string, number> = {};
    for (const table of await listTables(db, 'postgres')) {
      const result = await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db);
      counts[table] = Number(result.rows[0]?.n ?? 0);
    }
    return counts;
  } finally {
    await target.close();
  }
}

/** Reaches the target and counts its tables (kysely's bookkeeping included): any table is a refusal. */
async function refuseUnlessEmpty(url: string): Promise<void> {
  const target = openDatabase({ databaseUrl: url });
  try {
    const result = await sql<{ n: string }>`select count(*) as n from information_schema.tables
      where table_schema = current_schema()`.execute(target.db);
    const tables = Number(result.rows[0]?.n ?? 0);
    if (tables > 0)
      throw new BackupError(
        `The PostgreSQL database ${target.location} is not empty (${tables} tables); migrate-to-postgres copies only into a new, empty database. Nothing was changed.`,
      );
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(
      `Cannot use the PostgreSQL database ${target.location}: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    await target.close();
  }
}

async function dropEverything(url: string): Promise<void> {
  const target = openDatabase({ databaseUrl: url });
  try {
    const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(target.db);
    for (const { name } of tables.rows)
      await sql`drop table if exists ${sql.table(name)} cascade`.execute(target.db);
  } finally {
    await target.close();
  }
}

/**
 * Copies the SQLite instance of the data directory into an empty PostgreSQL database: a consistent
 * snapshot of every table, rows copied as stored (sealed secrets stay sealed with the same instance key,
 * which stays where it is), PostgreSQL brought to this version's schema, then every table's row count
 * compared with the source. The SQLite database is only read.
 */
export async function migrateToPostgres(config: Config, url: string): Promise<CopySummary> {
  if (!/^postgres(ql)?:\/\//.test(url))
    throw new BackupError(
      `${url.replace(/:[^:@/]*@/, ':***@')} is not a postgres:// or postgresql:// URL.`,
      2,
    );
  if (config.databaseUrl)
    throw new BackupError(
      'DATABASE_URL is set: this instance already runs on PostgreSQL. migrate-to-postgres copies the SQLite database of ARCHNEST_DATA_DIR; unset DATABASE_URL.',
    );
  const sqliteFile = path.join(config.dataDir, 'archnest.db');
  if (!fs.existsSync(sqliteFile))
    throw new BackupError(`There is no ArchNest database at ${sqliteFile} to copy.`);
  await refuseUnlessEmpty(url);
  const source = openDatabase({ sqliteFile });
  let document;
  try {
    document = await createBackup(source, { secretKey: undefined });
  } finally {
    await source.close();
  }
  await restoreBackup(document, { databaseUrl: url, dataDir: config.dataDir, configuredKey: undefined });
  const counts = await rowCounts(url);
  const wrong = Object.entries(document.tables).filter(([t, rows]) => counts[t] !== rows.length);
  if (wrong.length) {
    await dropEverything(url);
    throw new BackupError(
      `Row counts differ after the copy (${wrong.map(([t, rows]) => `${t}: ${rows.length} in SQLite, ${counts[t] ?? 0} in PostgreSQL`).join('; ')}); the PostgreSQL database was emptied again.`,
    );
  }
  const copied = Object.fromEntries(Object.entries(document.tables).map(([t, rows]) => [t, rows.length]));
  const parsed = new URL(url);
  return {
    location: `postgres://${parsed.host}${parsed.pathname}`,
    tables: copied,
    rows: Object.values(copied).reduce((a, b) => a + b, 0),
  };
}

/** `migrate-to-postgres <url>`; answers an exit code (2 for usage, 1 for refusals). */
export async function runMigrateToPostgres(args: string[], config: Config): Promise<number> {
  if (args.length !== 1 || args[0]!.startsWith('--')) return -1;
  try {
    const summary = await migrateToPostgres(config, args[0]!);
    const width = Math.max(...Object.keys(summary.tables).map((t) => t.length));
    for (const [table, rows] of Object.entries(summary.tables))
      console.log(`  ${table.padEnd(width)}  ${rows}`);
    console.log(
      `Copied ${path.join(config.dataDir, 'archnest.db')} to ${summary.location}: ${Object.keys(summary.tables).length} tables, ${summary.rows} rows, row counts verified.`,
    );
    console.log(
      `Secrets stay sealed with the same instance key: keep ${config.secretKey ? 'ARCHNEST_SECRET_KEY' : path.join(config.dataDir, 'secret.key')} and set DATABASE_URL to start on PostgreSQL.`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(error.message);
    return error.exitCode;
  }
}
