import { z } from 'zod';

/** The file names scheduled and on-demand backups get; only such names are listed, served or deleted. */
export const BACKUP_FILE_PATTERN = /^archnest-backup-\d{8}T\d{6}\.\d{3}Z\.json\.gz$/;

export const BackupScheduleInput = z.object({
  enabled: z.boolean(),
  intervalHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30),
  keep: z.number().int().min(1).max(365),
  /** An absolute directory on the server; null keeps backups in `<data dir>/backups`. */
  directory: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .refine((d) => d.startsWith('/'), 'must be an absolute path')
    .refine((d) => !d.split('/').includes('..'), 'must not contain ..')
    .nullable(),
  /** Whether each file holds the instance secret key (needed to open sealed secrets after a restore). */
  withSecretKey: z.boolean(),
});
export type BackupScheduleInput = z.infer<typeof BackupScheduleInput>;

export const BackupSchedule = BackupScheduleInput.extend({
  /** Where backups go now: `directory`, or the default under the data directory. */
  effectiveDirectory: z.string(),
  lastRunAt: z.string().nullable(),
  lastStatus: z.enum(['ok', 'failed']).nullable(),
  lastError: z.string().nullable(),
  /** Null while the schedule is off. */
  nextRunAt: z.string().nullable(),
  running: z.boolean(),
});
export type BackupSchedule = z.infer<typeof BackupSchedule>;

export const BackupFile = z.object({
  name: z.string(),
  bytes: z.number().int(),
  createdAt: z.string(),
});
export type BackupFile = z.infer<typeof BackupFile>;

export const BackupNameParams = z.object({
  name: z.string().regex(BACKUP_FILE_PATTERN, 'is not the name of an ArchNest backup file'),
});
