import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('docker_hosts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('engine-api', 'ssh')`))
    .addColumn('endpoint', 'text')
    .addColumn('ssh_host_id', 'text', (c) => c.references('hosts.id').onDelete('restrict'))
    .addColumn('cli', 'text')
    .addColumn('remote_docker_host', 'text')
    .addColumn('ca', 'text')
    .addColumn('client_cert', 'text')
    .addColumn('client_key_sealed', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}
