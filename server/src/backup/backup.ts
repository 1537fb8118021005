import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../db/database';
import { KEY_FILE_NAME } from '../crypto/key-file';
import { ARCHNEST_VERSION } from '../version';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupError,
  encodeBackup,
  type BackupDocument,
  type TableRows,
} from './backup-format';
import { readTables, type AnyDb } from './database-tables';

/** The instance key as the server would use it, without creating one (unlike loadInstanceKey). */
export function readInstanceKey(configuredKey: string | undefined, dataDir: string): Buffer | undefined {
  if (configuredKey) return Buffer.from(configuredKey, 'base64');
  const file = path.join(dataDir, KEY_FILE_NAME);
  if (!fs.existsSync(file)) return undefined;
  const key = Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new BackupError(`${file} does not hold a base64 32-byte key.`);
  return key;
}

interface Snapshot {
  migrations: string[];
  tables: Record<string, TableRows>;
}

async function readSnapshot(db: AnyDb, dialect: Database['dialect']): Promise<Snapshot> {
  const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return { migrations: applied.rows.map((r) => r.name), tables: await readTables(db, dialect) };
}

/**
 * A consistent copy while the server keeps writing: on SQLite `VACUUM INTO` a private snapshot file
 * (one read transaction of the WAL database) which is then read; on PostgreSQL one read-only
 * repeatable-read transaction, so every table is read at the same instant.
 */
async function takeSnapshot(database: Database): Promise<Snapshot> {
  if (database.dialect === 'postgres') {
    return database.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        await sql`set transaction read only`.execute(trx);
        return readSnapshot(trx as unknown as AnyDb, 'postgres');
      });
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-backup-'));
  const copyFile = path.join(dir, 'snapshot.db');
  try {
    await sql`vacuum into ${copyFile}`.execute(database.db);
    const copy = openDatabase({ sqliteFile: copyFile });
    try {
      return await readSnapshot(copy.db as unknown as AnyDb, 'sqlite');
    } finally {
      await copy.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function createBackup(
  database: Database,
  options: { secretKey: Buffer | undefined; now?: Date },
): Promise<BackupDocument> {
  const snapshot = await takeSnapshot(database);
  // A scheduled run's lease is state of this process, not data: a restored instance must not inherit it.
  for (const row of snapshot.tables.backup_schedule ?? []) row.running_since = null;
  return {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    archnestVersion: ARCHNEST_VERSION,
    dialect: database.dialect,
    createdAt: (options.now ?? new Date()).toISOString(),
    migrations: snapshot.migrations,
    ...(options.secretKey ? { secretKey: options.secretKey.toString('base64') } : {}),
    tables: snapshot.tables,
  };
}

/**
 * Writes the backup with mode 0600 under a temporary name and moves it into place: a reader never
 * sees half a file. Without `force` an existing file is kept (link() refuses atomically).
 */
export function writeBackupFile(file: string, document: BackupDocument, force: boolean): number {
  if (!force && fs.existsSync(file))
    throw new BackupError(`${file} already exists; choose another name or pass --force to replace it.`);
  const bytes = encodeBackup(document);
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = fs.openSync(temp, 'wx', 0o600);
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    if (force) {
      fs.renameSync(temp, file);
    } else {
      fs.linkSync(temp, file);
      fs.unlinkSync(temp);
    }
  } catch (error) {
    fs.rmSync(temp, { force: true });
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      throw new BackupError(`${file} already exists; choose another name or pass --force to replace it.`);
    throw error;
  }
  return bytes.length;
}
