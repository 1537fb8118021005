import type { Kysely } from 'kysely';
import type { Dialect } from '../database';

/**
 * OIDC single sign-on: one settings row, identities linked by issuer + subject, the short-lived rows of
 * sign-ins in flight and of pending links, role pins, and the sign-in method in the login audit.
 */
export async function up(db: Kysely<unknown>, _dialect: Dialect): Promise<void> {
  await db.schema
    .createTable('sso_settings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('client_secret_sealed', 'text')
    .addColumn('scopes', 'text', (c) => c.notNull())
    .addColumn('button_label', 'text', (c) => c.notNull())
    .addColumn('auto_provision', 'integer', (c) => c.notNull())
    .addColumn('allowed_groups', 'text', (c) => c.notNull())
    .addColumn('admin_group', 'text')
    .addColumn('groups_claim', 'text', (c) => c.notNull())
    .addColumn('ca_pem', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sso_identities')
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('linked_at', 'text', (c) => c.notNull())
    .addColumn('last_login_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('sso_identities_pk', ['issuer', 'subject'])
    .execute();
  await db.schema
    .createIndex('sso_identities_user')
    .on('sso_identities')
    .column('user_id')
    .unique()
    .execute();

  await db.schema
    .createTable('sso_logins')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('redirect_uri', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sso_pending_links')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('role', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sso_role_pins')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('pinned_by', 'text', (c) => c.notNull())
    .addColumn('pinned_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .alterTable('login_audit')
    .addColumn('method', 'text', (c) => c.notNull().defaultTo('password'))
    .execute();
}
