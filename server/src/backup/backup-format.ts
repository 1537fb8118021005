import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import type { Dialect } from '../db/database';
export const BACKUP_FORMAT = 'archnest-backup';
export const BACKUP_FORMAT_VERSION = 1;

/** A stored value: the schema keeps timestamps as text and booleans as 0/1, so JSON carries all. */
export type CellValue = string | number | null;
export type TableRows = Record<string, CellValue>[];

export interface BackupDocument {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  archnestVersion: string;
  dialect: Dialect;
  createdAt: string;
  /** Names of the applied migrations, in order. */
  migrations: string[];
  /** The instance key (base64); absent when the backup was taken with --no-secret-key. */
  secretKey?: string;
  tables: Record<string, TableRows>;
}

/** A refusal with the exit code the command line answers with (2: a bad file, 1: a refused target). */
export class BackupError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

const Identifier = z.string().regex(/^[a-z_][a-z0-9_]*$/);
const Cell = z.union([z.string(), z.number(), z.null()]);

const Header = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int(),
});

const Document = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  archnestVersion: z.string(),
  dialect: z.enum(['sqlite', 'postgres']),
  createdAt: z.string(),
  migrations: z.array(z.string().regex(/^[0-9A-Za-z_-]+$/)),
  secretKey: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'the secret key must be 32 bytes')
    .optional(),
  tables: z.record(Identifier, z.array(z.record(Identifier, Cell))),
});

export function encodeBackup(document: BackupDocument): Buffer {
  return gzipSync(Buffer.from(JSON.stringify(document), 'utf8'));
}

/** Parses a backup file's bytes; anything that is not a whole, known-version backup is refused (exit 2). */
export function decodeBackup(bytes: Buffer, file: string): BackupDocument {
  let text: string;
  try {
    text = gunzipSync(bytes).toString('utf8');
  } catch {
    throw new BackupError(`${file} is not an ArchNest backup (not gzip data, or the file is truncated).`, 2);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new BackupError(`${file} is not an ArchNest backup (its content is not a JSON document).`, 2);
  }
  const header = Header.safeParse(json);
  if (!header.success) throw new BackupError(`${file} is not an ArchNest backup (no backup header).`, 2);
  if (header.data.formatVersion !== BACKUP_FORMAT_VERSION) {
    throw new BackupError(
      `${file} has backup format version ${header.data.formatVersion}; this ArchNest reads version ${BACKUP_FORMAT_VERSION} (made by a newer ArchNest?).`,
      2,
    );
  }
  const parsed = Document.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BackupError(
      `${file} is a damaged ArchNest backup: ${issue.path.join('.') || 'document'} ${issue.message}.`,
      2,
    );
  }
  return parsed.data;
}
