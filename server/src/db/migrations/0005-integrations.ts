import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database';

/** Integration instances; `secrets_sealed` holds one SecretBox value bound to `integration:<id>:secrets`. */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('integrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('proxmox', 'aws-ec2', 'uptime-kuma')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull())
    .addColumn('secret_names', 'text', (c) => c.notNull())
    .addColumn('secrets_sealed', 'text')
    .addColumn('tls_pinned_sha256', 'text')
    .addColumn('tls_ca', 'text')
    .addColumn('poll_interval_seconds', 'integer', (c) => c.notNull())
    .addColumn('timeout_seconds', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
