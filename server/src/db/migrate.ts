import { type Kysely, sql } from 'kysely';
import type { Database } from './database';
import { migrations as bundled, type MigrationModule } from './migrations';

/**
 * Why the schema could not be brought up to date. The message is one line that names the migration;
 * the server prints it and refuses to start.
 */
export class MigrationError extends Error {}

/** The bookkeeping table (kysely's name and columns, so databases made by earlier releases fit). */
const TABLE = 'kysely_migration';
/** Every ArchNest process that migrates one PostgreSQL database takes this advisory lock first. */
export const MIGRATION_LOCK_KEY = 7_146_201_801;

type AnyDb = Kysely<Record<string, Record<string, string>>>;

async function ensureTable(db: AnyDb): Promise<void> {
  await db.schema
    .createTable(TABLE)
    .ifNotExists()
    .addColumn('name', 'varchar(255)', (c) => c.notNull().primaryKey())
    .addColumn('timestamp', 'varchar(255)', (c) => c.notNull())
    .execute();
}

/** Names of the applied migrations, in order. */
export async function appliedMigrations(database: Database): Promise<string[]> {
  const db = database.db as unknown as AnyDb;
  await ensureTable(db);
  const rows = await db.selectFrom(TABLE).select('name').orderBy('name').execute();
  return rows.map((r) => r.name);
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Runs `work` holding the migration lock: on PostgreSQL a session advisory lock on one dedicated
 * connection (a second process waits, then finds nothing left to do); SQLite has one writer anyway.
 */
async function withMigrationLock<T>(database: Database, work: (db: AnyDb) => Promise<T>): Promise<T> {
  return database.db.connection().execute(async (connection) => {
    const db = connection as unknown as AnyDb;
    if (database.dialect !== 'postgres') return work(db);
    await sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`.execute(db);
    try {
      return await work(db);
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.execute(db);
    }
  });
}

/**
 * Applies the pending migrations up to `target` (all when absent), each in its own transaction with
 * its bookkeeping row: a migration that fails leaves nothing behind (DDL is transactional on both
 * SQLite and PostgreSQL) and the ones before it stay applied. A database holding an applied
 * migration this code does not know was written by a newer ArchNest and is refused untouched.
 */
export async function migrate(
  database: Database,
  options: { target?: string; migrations?: Record<string, MigrationModule> } = {},
): Promise<string[]> {
  const known = options.migrations ?? bundled;
  const names = Object.keys(known).sort();
  if (options.target !== undefined && !names.includes(options.target))
    throw new MigrationError(`Unknown migration ${options.target}.`);
  return withMigrationLock(database, async (db) => {
    await ensureTable(db);
    const applied = (await db.selectFrom(TABLE).select('name').execute()).map((r) => r.name);
    const unknown = applied.filter((name) => !Object.hasOwn(known, name)).sort();
    if (unknown.length)
      throw new MigrationError(
        `The ${database.dialect} database ${database.location} was upgraded by a newer ArchNest: it has migration ${unknown.join(', ')} that this version does not know. Run that version or later, or restore a backup taken before the upgrade; nothing was changed.`,
      );
    const done = new Set(applied);
    const pending = names.filter(
      (name) => !done.has(name) && (options.target === undefined || name <= options.target),
    );
    const ran: string[] = [];
    for (const name of pending) {
      try {
        await db.transaction().execute(async (trx) => {
          await known[name]!.up(trx as unknown as Kysely<unknown>, database.dialect);
          await trx.insertInto(TABLE).values({ name, timestamp: new Date().toISOString() }).execute();
        });
      } catch (error) {
        throw new MigrationError(
          `Database migration ${name} failed and was rolled back (the database is as it was before ${name}${ran.length ? `; ${ran.join(', ')} applied` : ''}): ${oneLine(error)}`,
        );
      }
      ran.push(name);
    }
    return ran;
  });
}

/** Brings the schema up to date; answers the names of the migrations it applied. */
export function migrateToLatest(database: Database): Promise<string[]> {
  return migrate(database);
}
