import { z } from 'zod';
import { BackupFile, BackupNameParams, BackupSchedule, BackupScheduleInput } from './backups';
import type { EndpointDef } from './endpoint';

/** Scheduled and on-demand backups of the whole instance (admins). */
export const backupEndpoints = {
  getBackupSchedule: {
    method: 'GET',
    path: '/api/admin/backups/schedule',
    access: 'admin',
    tag: 'backups',
    summary: 'The backup schedule and the outcome of the last run',
    status: 200,
    response: BackupSchedule,
  },
  updateBackupSchedule: {
    method: 'PUT',
    path: '/api/admin/backups/schedule',
    access: 'admin',
    tag: 'backups',
    summary: 'Set the interval, how many backups to keep, the directory and whether the key is included',
    body: BackupScheduleInput,
    status: 200,
    response: BackupSchedule,
  },
  listBackups: {
    method: 'GET',
    path: '/api/admin/backups',
    access: 'admin',
    tag: 'backups',
    summary: 'Backup files in the backup directory, newest first',
    status: 200,
    response: z.array(BackupFile),
  },
  createBackupNow: {
    method: 'POST',
    path: '/api/admin/backups',
    access: 'admin',
    tag: 'backups',
    summary: 'Back up now (409 backup_running while another run is under way), then prune to keep N',
    status: 201,
    response: BackupFile,
  },
  downloadBackup: {
    method: 'GET',
    path: '/api/admin/backups/:name',
    access: 'admin',
    tag: 'backups',
    summary: 'Download one backup file (application/gzip, streamed)',
    params: BackupNameParams,
    status: 200,
    response: null,
  },
  deleteBackup: {
    method: 'DELETE',
    path: '/api/admin/backups/:name',
    access: 'admin',
    tag: 'backups',
    summary: 'Delete one backup file',
    params: BackupNameParams,
    status: 204,
    response: null,
  },
} as const satisfies Record<string, EndpointDef>;
