import fs from 'node:fs';
import path from 'node:path';
import { BACKUP_FILE_PATTERN, type BackupFile } from '@archnest/contract';

/** `archnest-backup-20260101T000000.000Z.json.gz`: sortable by name, and the name says when. */
export function backupFileName(at: Date): string {
  return `archnest-backup-${at.toISOString().replace(/[-:]/g, '')}.json.gz`;
}

function createdAtOf(name: string): string {
  const stamp = name.slice('archnest-backup-'.length, -'.json.gz'.length);
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})\.(\d{3})Z$/.exec(stamp);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z` : stamp;
}

/** The backup files in `dir`, newest first; nothing else in the directory is ever listed. */
export async function listBackupFiles(dir: string): Promise<BackupFile[]> {
  let names: string[];
  try {
    names = await fs.promises.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: BackupFile[] = [];
  for (const name of names
    .filter((n) => BACKUP_FILE_PATTERN.test(n))
    .sort()
    .reverse()) {
    const stat = await fs.promises.lstat(path.join(dir, name)).catch(() => null);
    if (stat?.isFile()) files.push({ name, bytes: stat.size, createdAt: createdAtOf(name) });
  }
  return files;
}
