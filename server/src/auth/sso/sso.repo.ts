import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema } from '../../db/schema';
import type {
  SsoIdentitiesTable,
  SsoLoginsTable,
  SsoPendingLinksTable,
  SsoRolePinsTable,
} from '../../db/sso-schema';

export type SsoIdentityRow = Selectable<SsoIdentitiesTable>;
export type SsoLoginRow = Selectable<SsoLoginsTable>;
export type SsoPendingLinkRow = Selectable<SsoPendingLinksTable>;
export type SsoRolePinRow = Selectable<SsoRolePinsTable>;

/** Identities, sign-ins in flight, pending links and role pins of single sign-on. */
export class SsoRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insertLogin(row: SsoLoginRow): Promise<void> {
    await this.db.insertInto('sso_logins').values(row).execute();
  }

  /** Deletes and returns the row in one statement, so two callbacks cannot both use it. */
  takeLogin(idHash: string): Promise<SsoLoginRow | undefined> {
    return this.db.deleteFrom('sso_logins').where('id_hash', '=', idHash).returningAll().executeTakeFirst();
  }

  async deleteExpired(now: string): Promise<void> {
    await this.db.deleteFrom('sso_logins').where('expires_at', '<=', now).execute();
    await this.db.deleteFrom('sso_pending_links').where('expires_at', '<=', now).execute();
  }

  findIdentity(issuer: string, subject: string): Promise<SsoIdentityRow | undefined> {
    return this.db
      .selectFrom('sso_identities')
      .selectAll()
      .where('issuer', '=', issuer)
      .where('subject', '=', subject)
      .executeTakeFirst();
  }

  listIdentities(): Promise<SsoIdentityRow[]> {
    return this.db.selectFrom('sso_identities').selectAll().execute();
  }

  /** A user has at most one identity: linking replaces an earlier one (e.g. from a previous issuer). */
  async linkIdentity(row: SsoIdentityRow): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('sso_identities').where('user_id', '=', row.user_id).execute();
      await trx.insertInto('sso_identities').values(row).execute();
    });
  }

  async touchIdentity(issuer: string, subject: string, at: string): Promise<void> {
    await this.db
      .updateTable('sso_identities')
      .set({ last_login_at: at })
      .where('issuer', '=', issuer)
      .where('subject', '=', subject)
      .execute();
  }

  async unlink(userId: string): Promise<number> {
    const result = await this.db
      .deleteFrom('sso_identities')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async insertPendingLink(row: SsoPendingLinkRow): Promise<void> {
    await this.db.insertInto('sso_pending_links').values(row).execute();
  }

  findPendingLink(idHash: string): Promise<SsoPendingLinkRow | undefined> {
    return this.db
      .selectFrom('sso_pending_links')
      .selectAll()
      .where('id_hash', '=', idHash)
      .executeTakeFirst();
  }

  /** Counts a wrong password; returns the attempts so far, or 0 when the row is already gone. */
  async countLinkAttempt(idHash: string): Promise<number> {
    const row = await this.db
      .updateTable('sso_pending_links')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id_hash', '=', idHash)
      .returning('attempts')
      .executeTakeFirst();
    return row?.attempts ?? 0;
  }

  takePendingLink(idHash: string): Promise<SsoPendingLinkRow | undefined> {
    return this.db
      .deleteFrom('sso_pending_links')
      .where('id_hash', '=', idHash)
      .returningAll()
      .executeTakeFirst();
  }

  isPinned(userId: string): Promise<boolean> {
    return this.db
      .selectFrom('sso_role_pins')
      .select('user_id')
      .where('user_id', '=', userId)
      .executeTakeFirst()
      .then((row) => row !== undefined);
  }

  listPins(): Promise<SsoRolePinRow[]> {
    return this.db.selectFrom('sso_role_pins').selectAll().execute();
  }

  async setPin(userId: string, pinned: boolean, by: string, at: string): Promise<void> {
    if (!pinned) {
      await this.db.deleteFrom('sso_role_pins').where('user_id', '=', userId).execute();
      return;
    }
    await this.db
      .insertInto('sso_role_pins')
      .values({ user_id: userId, pinned_by: by, pinned_at: at })
      .onConflict((oc) => oc.column('user_id').doNothing())
      .execute();
  }
}
