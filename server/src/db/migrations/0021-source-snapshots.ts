import type { Kysely } from 'kysely';
import type { Dialect } from '../database';

/**
 * The last poll of each polled source, as the replica that polls it stored it (PostgreSQL replicas;
 * see cluster/pg-poll-ownership.ts). A cache: losing it costs one poll.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('source_snapshots')
    .addColumn('source_id', 'text', (c) => c.primaryKey())
    /** The settings revision the poll ran with. */
    .addColumn('revision', 'text', (c) => c.notNull())
    .addColumn('attempted_at', 'text', (c) => c.notNull())
    .addColumn('success_at', 'text')
    /** The last good snapshot as JSON; kept when a later poll fails. */
    .addColumn('snapshot', 'text')
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .execute();
}
