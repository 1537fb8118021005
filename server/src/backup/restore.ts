import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../db/database';
import { migrate, migrateToLatest } from '../db/migrate';
import { migrations } from '../db/migrations';
import { KEY_FILE_NAME } from '../crypto/key-file';
import { BackupError, type BackupDocument } from './backup-format';
import { dependencyOrder, listTables, resetSequences, type AnyDb } from './database-tables';

export interface RestoreTarget {
  /** DATABASE_URL; unset restores into `<dataDir>/archnest.db`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** ARCHNEST_SECRET_KEY when the environment sets it. */
  configuredKey: string | undefined;
}

export interface RestoreSummary {
  location: string;
  dialect: Database['dialect'];
  tables: number;
  rows: number;
  /** Where the key was written, 'ARCHNEST_SECRET_KEY' when the environment's key matched, or 'none'. */
  key: string;
}

const SQLITE_FILE = 'archnest.db';

/** Every table in the target, kysely's own included: a restore only goes into a database with none. */
async function tableCount(database: Database): Promise<number> {
  const result =
    database.dialect === 'sqlite'
      ? await sql<{ n: number }>`select count(*) as n from sqlite_master where type = 'table'`.execute(
          database.db,
        )
      : await sql<{ n: string }>`select count(*) as n from information_schema.tables
          where table_schema = current_schema()`.execute(database.db);
  return Number(result.rows[0]?.n ?? 0);
}

function checkMigrations(document: BackupDocument): string {
  const unknown = document.migrations.filter((name) => !Object.hasOwn(migrations, name));
  if (unknown.length)
    throw new BackupError(
      `This backup was made by a newer ArchNest: it has migrations this version does not know (${unknown.join(', ')}). Restore it with that version or later.`,
      2,
    );
  const last = [...document.migrations].sort().at(-1);
  if (!last) throw new BackupError('This backup lists no applied migrations; it cannot be restored.', 2);
  return last;
}

/** Decides what happens to the key before anything is written; refuses a key that would not fit. */
function planKey(document: BackupDocument, target: RestoreTarget): { file?: string; source: string } {
  const fromBackup = document.secretKey ? Buffer.from(document.secretKey, 'base64') : undefined;
  if (target.configuredKey) {
    if (fromBackup && !fromBackup.equals(Buffer.from(target.configuredKey, 'base64')))
      throw new BackupError(
        'ARCHNEST_SECRET_KEY differs from the key in the backup: the restored secrets could not be opened. Set ARCHNEST_SECRET_KEY to the old key (or unset it to use the backup’s); nothing was changed.',
      );
    return { source: fromBackup ? 'ARCHNEST_SECRET_KEY' : 'none' };
  }
  const file = path.join(target.dataDir, KEY_FILE_NAME);
  if (!fromBackup) return { source: 'none' };
  if (fs.existsSync(file)) {
    const existing = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
    if (!existing.equals(fromBackup))
      throw new BackupError(
        `${file} already holds a different secret key; restore into an empty data directory. Nothing was changed.`,
      );
    return { source: file };
  }
  return { file, source: file };
}

async function insertRows(trx: AnyDb, database: Database, document: BackupDocument): Promise<number> {
  const live = await listTables(trx, database.dialect);
  const missing = Object.keys(document.tables).filter((t) => !live.includes(t));
  if (missing.length)
    throw new BackupError(`The backup holds tables its migrations do not create: ${missing.join(', ')}.`, 2);
  const order = await dependencyOrder(trx, database.dialect, live);
  // Migrations may seed rows; the backup's rows replace them.
  for (const table of [...order].reverse()) await trx.deleteFrom(table).execute();
  let rows = 0;
  for (const table of order) {
    const tableRows = document.tables[table] ?? [];
    const columns = Math.max(1, Object.keys(tableRows[0] ?? {}).length);
    const chunk = Math.max(1, Math.floor(8000 / columns));
    for (let i = 0; i < tableRows.length; i += chunk) {
      await trx
        .insertInto(table)
        .values(tableRows.slice(i, i + chunk))
        .execute();
    }
    rows += tableRows.length;
  }
  await resetSequences(trx, database.dialect);
  return rows;
}

/** Returns a target that a failed restore touched to the empty state it was found in. */
async function undo(database: Database, target: RestoreTarget, sqliteCreated: boolean): Promise<void> {
  if (database.dialect === 'postgres') {
    const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(database.db);
    for (const { name } of tables.rows)
      await sql`drop table if exists ${sql.table(name)} cascade`.execute(database.db);
    await database.close();
    return;
  }
  await database.close();
  if (sqliteCreated) {
    for (const suffix of ['', '-wal', '-shm'])
      fs.rmSync(path.join(target.dataDir, SQLITE_FILE + suffix), { force: true });
  }
}

/**
 * Restores a backup into an empty database (and data directory): migrations up to the backup's level,
 * every row in one transaction, serial sequences moved past the restored ids, the key file, and then
 * the remaining migrations of this version. On any failure the target is left as empty as it was.
 */
export async function restoreBackup(
  document: BackupDocument,
  target: RestoreTarget,
): Promise<RestoreSummary> {
  const lastMigration = checkMigrations(document);
  const key = planKey(document, target);
  const sqliteFile = path.join(target.dataDir, SQLITE_FILE);
  const sqliteCreated = !target.databaseUrl && !fs.existsSync(sqliteFile);
  const database = openDatabase({ databaseUrl: target.databaseUrl, sqliteFile });
  const existing = await tableCount(database).catch(async (error: unknown) => {
    await undo(database, target, sqliteCreated);
    throw error;
  });
  if (existing > 0) {
    await database.close();
    throw new BackupError(
      `The ${database.dialect} database ${database.location} is not empty (${existing} tables); restore only goes into a new, empty database or data directory. Nothing was changed.`,
    );
  }
  let keyWritten = false;
  try {
    if (key.file) {
      fs.mkdirSync(target.dataDir, { recursive: true, mode: 0o700 });
      fs.writeFileSync(key.file, `${document.secretKey}\n`, { mode: 0o600, flag: 'wx' });
      keyWritten = true;
    }
    await migrate(database, { target: lastMigration });
    const rows = await database.db
      .transaction()
      .execute((trx) => insertRows(trx as unknown as AnyDb, database, document));
    await migrateToLatest(database);
    const summary: RestoreSummary = {
      location: database.location,
      dialect: database.dialect,
      tables: Object.keys(document.tables).length,
      rows,
      key: key.source,
    };
    await database.close();
    return summary;
  } catch (error) {
    await undo(database, target, sqliteCreated);
    if (keyWritten && key.file) fs.rmSync(key.file, { force: true });
    if (error instanceof BackupError) throw error;
    throw new BackupError(
      `Restore failed and was undone (the target is empty again): ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
