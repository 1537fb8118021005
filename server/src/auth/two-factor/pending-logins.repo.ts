import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema, PendingLoginsTable } from '../../db/schema';

export type PendingLoginRow = Selectable<PendingLoginsTable>;

/** Half-finished sign-ins: the password was right, the second factor is awaited. */
export class PendingLoginsRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(row: PendingLoginRow): Promise<void> {
    await this.db.insertInto('pending_logins').values(row).execute();
  }

  findByTokenHash(tokenHash: string): Promise<PendingLoginRow | undefined> {
    return this.db
      .selectFrom('pending_logins')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  /** True for the one caller that removed it: a pending login turns into at most one session. */
  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('pending_logins').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.deleteFrom('pending_logins').where('user_id', '=', userId).execute();
  }

  async deleteExpired(nowIso: string): Promise<void> {
    await this.db.deleteFrom('pending_logins').where('expires_at', '<=', nowIso).execute();
  }
}
