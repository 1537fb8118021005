import type { Kysely } from 'kysely';
import type { Dialect } from '../database';

/**
 * Repeated rate-limited sign-ins fold into one login-audit row: `count` attempts, the last at
 * `last_at`. The index serves retention by age.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable('login_audit')
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.alterTable('login_audit').addColumn('last_at', 'text').execute();
  await db.schema.createIndex('login_audit_at').on('login_audit').column('at').execute();
}
