import type { Kysely } from 'kysely';
import type { Dialect } from '../database';

/**
 * Open pull agent enrolments. An enrolled agent becomes a `docker_hosts` row (kind `engine-api`,
 * endpoint `pull-agent://host:port`, `ca` = the pinned agent certificate); this table only holds the
 * one-time token until it is used or expires.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('pull_agent_enrolments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    /** Sealed; emptied once the enrolment is used. */
    .addColumn('token_sealed', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    /** Set while one request is talking to the agent, so a second one cannot use the token too. */
    .addColumn('claimed_until', 'text')
    .addColumn('used_at', 'text')
    .addColumn('docker_host_id', 'text', (c) => c.references('docker_hosts.id').onDelete('set null'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}
