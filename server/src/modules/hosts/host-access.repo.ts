import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DatabaseSchema, HostUserCredentialsTable } from '../../db/schema';

export type PersonalCredentialRow = Selectable<HostUserCredentialsTable>;

/** Grants of `chosen` hosts and users' own logins for per-user hosts. */
export class HostAccessRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** Granted user ids of every host that has any. */
  async grants(): Promise<Map<string, string[]>> {
    const rows = await this.db
      .selectFrom('host_grants')
      .selectAll()
      .orderBy('host_id')
      .orderBy('user_id')
      .execute();
    const map = new Map<string, string[]>();
    for (const r of rows) map.set(r.host_id, [...(map.get(r.host_id) ?? []), r.user_id]);
    return map;
  }

  async grantsOf(hostId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('host_grants')
      .select('user_id')
      .where('host_id', '=', hostId)
      .orderBy('user_id')
      .execute();
    return rows.map((r) => r.user_id);
  }

  async isGranted(hostId: string, userId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('host_grants')
      .select('user_id')
      .where('host_id', '=', hostId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Hosts granted to one user. */
  async grantedTo(userId: string): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('host_grants')
      .select('host_id')
      .where('user_id', '=', userId)
      .execute();
    return new Set(rows.map((r) => r.host_id));
  }

  /**
   * Replaces a host's grants inside the caller's transaction. The caller has already written the
   * host row in that transaction, so on PostgreSQL the row lock orders concurrent replacements and
   * each one sees the last committed set (no union of two writers).
   */
  static async replaceGrants(
    trx: Transaction<DatabaseSchema>,
    hostId: string,
    userIds: string[],
  ): Promise<void> {
    await trx.deleteFrom('host_grants').where('host_id', '=', hostId).execute();
    if (userIds.length) {
      await trx
        .insertInto('host_grants')
        .values(userIds.map((userId) => ({ host_id: hostId, user_id: userId })))
        .execute();
    }
  }

  findCredential(hostId: string, userId: string): Promise<PersonalCredentialRow | undefined> {
    return this.db
      .selectFrom('host_user_credentials')
      .selectAll()
      .where('host_id', '=', hostId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
  }

  async saveCredential(row: PersonalCredentialRow): Promise<void> {
    const { host_id: _h, user_id: _u, ...changes } = row;
    await this.db
      .insertInto('host_user_credentials')
      .values(row)
      .onConflict((oc) => oc.columns(['host_id', 'user_id']).doUpdateSet(changes))
      .execute();
  }

  async deleteCredential(hostId: string, userId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('host_user_credentials')
      .where('host_id', '=', hostId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async roleOf(userId: string): Promise<'admin' | 'member' | null> {
    const row = await this.db.selectFrom('users').select('role').where('id', '=', userId).executeTakeFirst();
    return row?.role ?? null;
  }

  /** Ids of users that exist, out of `ids`. */
  async existingUsers(ids: string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await this.db.selectFrom('users').select('id').where('id', 'in', ids).execute();
    return new Set(rows.map((r) => r.id));
  }
}
