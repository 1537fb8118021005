import type { Kysely } from 'kysely';
import type { BackupScheduleTable, DatabaseSchema } from '../../db/schema';

export type ScheduleRow = Omit<BackupScheduleTable, 'id'>;

export const DEFAULT_SCHEDULE: ScheduleRow = {
  enabled: 0,
  interval_hours: 24,
  keep: 7,
  directory: null,
  with_secret_key: 1,
  updated_at: '1970-01-01T00:00:00.000Z',
  updated_by: 'default',
  running_since: null,
  last_run_at: null,
  last_status: null,
  last_error: null,
};

type Settings = Pick<
  ScheduleRow,
  'enabled' | 'interval_hours' | 'keep' | 'directory' | 'with_secret_key' | 'updated_at' | 'updated_by'
>;

/** The one row of `backup_schedule`; absent until an admin first saves the schedule (or a run happens). */
export class BackupScheduleRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async get(): Promise<ScheduleRow> {
    const row = await this.db
      .selectFrom('backup_schedule')
      .selectAll()
      .where('id', '=', 1)
      .executeTakeFirst();
    if (!row) return DEFAULT_SCHEDULE;
    const { id: _id, ...rest } = row;
    return rest;
  }

  async saveSettings(settings: Settings): Promise<void> {
    await this.db
      .insertInto('backup_schedule')
      .values({ ...DEFAULT_SCHEDULE, ...settings, id: 1 })
      .onConflict((oc) => oc.column('id').doUpdateSet(settings))
      .execute();
  }

  /**
   * Takes the run lease in one statement, so two triggers (in this process or another replica) never
   * both win: true when this caller now holds it. A lease older than `staleBefore` is taken over.
   */
  async claim(now: string, staleBefore: string): Promise<boolean> {
    await this.db
      .insertInto('backup_schedule')
      .values({ ...DEFAULT_SCHEDULE, id: 1 })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    const result = await this.db
      .updateTable('backup_schedule')
      .set({ running_since: now })
      .where('id', '=', 1)
      .where((eb) => eb.or([eb('running_since', 'is', null), eb('running_since', '<', staleBefore)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async finish(outcome: { at: string; status: 'ok' | 'failed'; error: string | null }): Promise<void> {
    await this.db
      .updateTable('backup_schedule')
      .set({
        running_since: null,
        last_run_at: outcome.at,
        last_status: outcome.status,
        last_error: outcome.error,
      })
      .where('id', '=', 1)
      .execute();
  }
}
