import type { Kysely } from 'kysely';
import type { Dialect } from '../database';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('agent_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('host_label', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('agent_hosts')
    .addColumn('label', 'text', (c) => c.primaryKey())
    .addColumn('hostname', 'text', (c) => c.notNull())
    .addColumn('docker_version', 'text', (c) => c.notNull())
    .addColumn('os', 'text', (c) => c.notNull())
    .addColumn('cpus', 'integer', (c) => c.notNull())
    .addColumn('memory_bytes', 'double precision', (c) => c.notNull())
    .addColumn('agent_version', 'text', (c) => c.notNull())
    .addColumn('interval_seconds', 'integer', (c) => c.notNull())
    .addColumn('first_report_at', 'text', (c) => c.notNull())
    .addColumn('last_report_at', 'text', (c) => c.notNull())
    .addColumn('container_count', 'integer', (c) => c.notNull())
    .addColumn('running_count', 'integer', (c) => c.notNull())
    // The latest report's containers as JSON (env already masked); only ever read back as data.
    .addColumn('containers', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('agent_samples')
    .addColumn('host_label', 'text', (c) => c.notNull())
    .addColumn('container_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('cpu_percent', 'double precision')
    .addColumn('memory_bytes', 'double precision')
    // Keyed by host and time first: one report's rows land side by side in the index, so a report
    // dirties a page or two instead of one page per container (measured: 3-4× the ingest rate).
    .addPrimaryKeyConstraint('agent_samples_pk', ['host_label', 'at', 'container_id'])
    .execute();
  await db.schema.createIndex('agent_samples_at').on('agent_samples').column('at').execute();
}
