import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database';

/** One row (id 1): the scheduled-backup settings and the state of the last run. */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('backup_schedule')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('interval_hours', 'integer', (c) => c.notNull())
    .addColumn('keep', 'integer', (c) => c.notNull())
    // Null: `<data dir>/backups`.
    .addColumn('directory', 'text')
    .addColumn('with_secret_key', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    // A lease, not a lock: a process that died mid-run leaves it, and it expires.
    .addColumn('running_since', 'text')
    .addColumn('last_run_at', 'text')
    .addColumn('last_status', 'text', (c) => c.check(sql`last_status in ('ok', 'failed')`))
    .addColumn('last_error', 'text')
    .execute();
}
