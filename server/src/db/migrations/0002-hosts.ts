import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database';

export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('credentials')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('password', 'key', 'certificate')`))
    .addColumn('password_sealed', 'text')
    .addColumn('private_key_sealed', 'text')
    .addColumn('passphrase_sealed', 'text')
    .addColumn('certificate', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('hosts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('folder', 'text', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('auth_method', 'text', (c) => c.notNull())
    .addColumn('credential_id', 'text', (c) => c.references('credentials.id').onDelete('restrict'))
    .addColumn('password_sealed', 'text')
    .addColumn('private_key_sealed', 'text')
    .addColumn('passphrase_sealed', 'text')
    .addColumn('certificate', 'text')
    .addColumn('legacy_algorithms', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('host_jumps')
    .addColumn('host_id', 'text', (c) => c.notNull().references('hosts.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('jump_host_id', 'text', (c) => c.notNull().references('hosts.id').onDelete('restrict'))
    .addPrimaryKeyConstraint('host_jumps_pk', ['host_id', 'position'])
    .execute();
  await db.schema.createIndex('host_jumps_jump').on('host_jumps').column('jump_host_id').execute();

  await db.schema
    .createTable('known_host_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('algorithm', 'text', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('accepted_by', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('known_host_keys_endpoint', ['address', 'port'])
    .execute();

  await db.schema
    .createTable('terminal_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text')
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('host_id', 'text')
    .addColumn('host_name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('bytes_in', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('bytes_out', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('end_reason', 'text')
    .execute();
  await db.schema
    .createIndex('terminal_sessions_started')
    .on('terminal_sessions')
    .column('started_at')
    .execute();
}
