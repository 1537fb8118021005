import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config';
import { openDatabase } from '../db/database';
import { createBackup, readInstanceKey, writeBackupFile } from './backup';
import { BackupError, decodeBackup } from './backup-format';
import { restoreBackup } from './restore';

export const BACKUP_USAGE = `  npm run admin -- backup <file> [--no-secret-key] [--force]
  npm run admin -- restore <file>`;

const NO_KEY_WARNING = `WARNING: this backup does NOT hold the instance secret key.
WARNING: host passwords, keys, integration tokens and other sealed secrets in it cannot be opened
WARNING: without that key. Keep ARCHNEST_SECRET_KEY or <data dir>/secret.key safe somewhere else.`;

async function backup(config: Config, file: string, flags: string[]): Promise<number> {
  const withKey = !flags.includes('--no-secret-key');
  const force = flags.includes('--force');
  if (!force && fs.existsSync(file))
    throw new BackupError(`${file} already exists; choose another name or pass --force to replace it.`);
  const sqliteFile = path.join(config.dataDir, 'archnest.db');
  if (!config.databaseUrl && !fs.existsSync(sqliteFile))
    throw new BackupError(`There is no ArchNest database at ${sqliteFile} to back up.`);
  const database = openDatabase({ databaseUrl: config.databaseUrl, sqliteFile });
  try {
    const secretKey = withKey ? readInstanceKey(config.secretKey, config.dataDir) : undefined;
    const document = await createBackup(database, { secretKey });
    const bytes = writeBackupFile(file, document, force);
    const rows = Object.values(document.tables).reduce((n, t) => n + t.length, 0);
    console.log(
      `Backup of the ${database.dialect} database ${database.location} written to ${file} (${Object.keys(document.tables).length} tables, ${rows} rows, ${bytes} bytes, mode 0600).`,
    );
    if (!document.secretKey) console.error(NO_KEY_WARNING);
    return 0;
  } finally {
    await database.close();
  }
}

async function restore(config: Config, file: string): Promise<number> {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new BackupError(
      `Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      2,
    );
  }
  const document = decodeBackup(bytes, file);
  const summary = await restoreBackup(document, {
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    configuredKey: config.secretKey,
  });
  console.log(
    `Restored ${file} (ArchNest ${document.archnestVersion}, ${document.dialect}, taken ${document.createdAt}) into the ${summary.dialect} database ${summary.location}: ${summary.tables} tables, ${summary.rows} rows.`,
  );
  if (summary.key === 'none')
    console.error(
      `WARNING: the backup holds no secret key: sealed secrets open only once the original key is set in ARCHNEST_SECRET_KEY or ${path.join(config.dataDir, 'secret.key')}.`,
    );
  else console.log(`Secret key: ${summary.key}.`);
  return 0;
}

/** `backup` / `restore`; answers an exit code (2 for usage and unreadable backups, 1 for refusals). */
export async function runBackupCommand(
  command: 'backup' | 'restore',
  args: string[],
  config: Config,
): Promise<number> {
  const flags = args.filter((a) => a.startsWith('--'));
  const files = args.filter((a) => !a.startsWith('--'));
  const allowed = command === 'backup' ? ['--no-secret-key', '--force'] : [];
  if (files.length !== 1 || flags.some((f) => !allowed.includes(f))) return -1;
  const file = path.resolve(files[0]!);
  try {
    return command === 'backup' ? await backup(config, file, flags) : await restore(config, file);
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    console.error(error.message);
    return error.exitCode;
  }
}
