import type { Kysely } from 'kysely';
import type { Dialect } from '../database';

/**
 * Sign-in guess counters shared by every replica on PostgreSQL (one process on SQLite keeps them in
 * memory; the table exists there too so both databases have one schema). Times are epoch milliseconds.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('login_limits')
    // `client:<account>\n<address>`, `ip:<address>` or `account:<account>`
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('in_flight', 'integer', (c) => c.notNull())
    .addColumn('window_end', 'bigint', (c) => c.notNull())
    .addColumn('locked_until', 'bigint', (c) => c.notNull())
    .addColumn('lockouts', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_limits_window_end').on('login_limits').column('window_end').execute();
}
