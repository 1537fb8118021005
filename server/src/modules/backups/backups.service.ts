import fs from 'node:fs';
import path from 'node:path';
import type { BackupFile, BackupSchedule, BackupScheduleInput } from '@archnest/contract';
import { createBackup, readInstanceKey, writeBackupFile } from '../../backup/backup';
import type { Clock } from '../../clock';
import type { Database } from '../../db/database';
import { AppError, notFound } from '../../http/app-error';
import type { Actor, AuditService } from '../audit/audit.service';
import { backupFileName, listBackupFiles } from './backup-files';
import type { BackupScheduleRepo, ScheduleRow } from './backup-schedule.repo';

/** A run holding the lease longer than this is taken to have died with its process. */
const LEASE_MS = 60 * 60_000;

export const schedulerActor: Actor = { id: null, name: 'scheduler', ip: 'local' };

export interface BackupsOptions {
  dataDir: string;
  /** ARCHNEST_SECRET_KEY, when the environment sets it. */
  configuredKey: string | undefined;
}

/**
 * Consistent backups of the whole instance (server/src/backup) written into one directory, pruned to
 * the newest N, one run at a time across every trigger (the schedule, "Back up now", other replicas).
 */
export class BackupsService {
  constructor(
    private readonly repo: BackupScheduleRepo,
    private readonly database: Database,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly options: BackupsOptions,
  ) {}

  private directoryOf(row: ScheduleRow): string {
    return row.directory ?? path.join(this.options.dataDir, 'backups');
  }

  private nextRunAt(row: ScheduleRow): string | null {
    if (!row.enabled) return null;
    const from = Date.parse(row.last_run_at ?? row.updated_at);
    return new Date(from + row.interval_hours * 3_600_000).toISOString();
  }

  async schedule(): Promise<BackupSchedule> {
    const row = await this.repo.get();
    const staleBefore = this.clock.now().getTime() - LEASE_MS;
    return {
      enabled: row.enabled === 1,
      intervalHours: row.interval_hours,
      keep: row.keep,
      directory: row.directory,
      withSecretKey: row.with_secret_key === 1,
      effectiveDirectory: this.directoryOf(row),
      lastRunAt: row.last_run_at,
      lastStatus: row.last_status,
      lastError: row.last_error,
      nextRunAt: this.nextRunAt(row),
      running: row.running_since !== null && Date.parse(row.running_since) > staleBefore,
    };
  }

  async updateSchedule(actor: Actor, input: BackupScheduleInput): Promise<BackupSchedule> {
    await this.repo.saveSettings({
      enabled: input.enabled ? 1 : 0,
      interval_hours: input.intervalHours,
      keep: input.keep,
      directory: input.directory,
      with_secret_key: input.withSecretKey ? 1 : 0,
      updated_at: this.clock.now().toISOString(),
      updated_by: actor.name,
    });
    await this.audit.record(actor, {
      action: 'backup.schedule.updated',
      targetType: 'backup_schedule',
      detail: { ...input },
    });
    return this.schedule();
  }

  async list(): Promise<BackupFile[]> {
    return listBackupFiles(this.directoryOf(await this.repo.get()));
  }

  /** True when the schedule is on and its next run is due at the clock's now. */
  async isDue(): Promise<boolean> {
    const next = this.nextRunAt(await this.repo.get());
    return next !== null && Date.parse(next) <= this.clock.now().getTime();
  }

  /** One backup now; 409 `backup_running` while another run holds the lease. */
  async run(actor: Actor): Promise<BackupFile> {
    const started = this.clock.now();
    const claimed = await this.repo.claim(
      started.toISOString(),
      new Date(started.getTime() - LEASE_MS).toISOString(),
    );
    if (!claimed)
      throw new AppError(
        409,
        'backup_running',
        'A backup is already running; try again when it has finished.',
      );
    const row = await this.repo.get();
    const dir = this.directoryOf(row);
    try {
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const secretKey = row.with_secret_key
        ? readInstanceKey(this.options.configuredKey, this.options.dataDir)
        : undefined;
      const document = await createBackup(this.database, { secretKey, now: started });
      const name = backupFileName(started);
      const bytes = writeBackupFile(path.join(dir, name), document, false);
      const pruned = await this.prune(dir, row.keep);
      await this.repo.finish({ at: started.toISOString(), status: 'ok', error: null });
      await this.audit.record(actor, {
        action: 'backup.created',
        targetType: 'backup',
        targetName: name,
        detail: { bytes, withSecretKey: Boolean(secretKey), pruned },
      });
      return { name, bytes, createdAt: started.toISOString() };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await this.repo.finish({ at: started.toISOString(), status: 'failed', error: message });
      await this.audit.record(actor, {
        action: 'backup.failed',
        targetType: 'backup',
        detail: { directory: dir, error: message },
      });
      throw new AppError(500, 'backup_failed', `The backup failed: ${message}`);
    }
  }

  /** Deletes all but the newest `keep` backup files; returns the names it removed. */
  private async prune(dir: string, keep: number): Promise<string[]> {
    const old = (await listBackupFiles(dir)).slice(keep).map((f) => f.name);
    for (const name of old) await fs.promises.rm(path.join(dir, name), { force: true });
    return old;
  }

  /** An open stream of one backup file (the name is checked against the pattern by the route). */
  async open(actor: Actor, name: string): Promise<{ stream: fs.ReadStream; bytes: number }> {
    const file = path.join(this.directoryOf(await this.repo.get()), name);
    const handle = await fs.promises
      .open(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW)
      .catch(() => null);
    if (!handle) throw notFound('That backup');
    const stat = await handle.stat();
    if (!stat.isFile()) {
      await handle.close();
      throw notFound('That backup');
    }
    await this.audit.record(actor, { action: 'backup.downloaded', targetType: 'backup', targetName: name });
    return { stream: handle.createReadStream(), bytes: stat.size };
  }

  async remove(actor: Actor, name: string): Promise<void> {
    const file = path.join(this.directoryOf(await this.repo.get()), name);
    const stat = await fs.promises.lstat(file).catch(() => null);
    if (!stat?.isFile()) throw notFound('That backup');
    await fs.promises.rm(file);
    await this.audit.record(actor, { action: 'backup.deleted', targetType: 'backup', targetName: name });
  }
}
