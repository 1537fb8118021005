import { type Kysely, sql } from 'kysely';
import type { Dialect } from '../database';

/**
 * Per-host access and per-user SSH credentials. Every existing host gets `access = 'everyone'`, so an
 * upgrade keeps each host reachable by every member exactly as before.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .alterTable('hosts')
    .addColumn('access', 'text', (c) =>
      c
        .notNull()
        .defaultTo('everyone')
        .check(sql`access in ('everyone', 'chosen')`),
    )
    .execute();

  await db.schema
    .createTable('host_grants')
    .addColumn('host_id', 'text', (c) => c.notNull().references('hosts.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('host_grants_pk', ['host_id', 'user_id'])
    .execute();
  await db.schema.createIndex('host_grants_user').on('host_grants').column('user_id').execute();

  await db.schema
    .createTable('host_user_credentials')
    .addColumn('host_id', 'text', (c) => c.notNull().references('hosts.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('password', 'key')`))
    .addColumn('password_sealed', 'text')
    .addColumn('private_key_sealed', 'text')
    .addColumn('passphrase_sealed', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('host_user_credentials_pk', ['host_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('host_user_credentials_user')
    .on('host_user_credentials')
    .column('user_id')
    .execute();
}
