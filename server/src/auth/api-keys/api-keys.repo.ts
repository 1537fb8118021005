import type { Kysely, Selectable } from 'kysely';
import type { ApiKeysTable, DatabaseSchema } from '../../db/schema';
import type { UserRow } from '../auth-context';

export type ApiKeyRow = Selectable<ApiKeysTable>;
export type ApiKeyWithUsername = ApiKeyRow & { username: string };

export class ApiKeysRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(row: ApiKeyRow): Promise<void> {
    await this.db.insertInto('api_keys').values(row).execute();
  }

  /** The key and its user in one read: the guard checks both on every request. */
  async findByHash(keyHash: string): Promise<{ key: ApiKeyRow; user: UserRow } | undefined> {
    const row = await this.db
      .selectFrom('api_keys')
      .innerJoin('users', 'users.id', 'api_keys.user_id')
      .selectAll('users')
      .select([
        'api_keys.id as k_id',
        'api_keys.name as k_name',
        'api_keys.scope as k_scope',
        'api_keys.key_hash as k_key_hash',
        'api_keys.hint as k_hint',
        'api_keys.created_at as k_created_at',
        'api_keys.expires_at as k_expires_at',
        'api_keys.last_used_at as k_last_used_at',
        'api_keys.last_used_ip as k_last_used_ip',
        'api_keys.revoked_at as k_revoked_at',
      ])
      .where('api_keys.key_hash', '=', keyHash)
      .executeTakeFirst();
    if (!row) return undefined;
    const { k_id, k_name, k_scope, k_key_hash, k_hint, k_created_at, k_expires_at, ...rest } = row;
    const { k_last_used_at, k_last_used_ip, k_revoked_at, ...user } = rest;
    return {
      key: {
        id: k_id,
        user_id: user.id,
        name: k_name,
        scope: k_scope,
        key_hash: k_key_hash,
        hint: k_hint,
        created_at: k_created_at,
        expires_at: k_expires_at,
        last_used_at: k_last_used_at,
        last_used_ip: k_last_used_ip,
        revoked_at: k_revoked_at,
      },
      user,
    };
  }

  findById(id: string): Promise<ApiKeyRow | undefined> {
    return this.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Every key (of one user, or of all), newest first, with its owner's name. */
  list(userId?: string): Promise<ApiKeyWithUsername[]> {
    let query = this.db
      .selectFrom('api_keys')
      .innerJoin('users', 'users.id', 'api_keys.user_id')
      .selectAll('api_keys')
      .select('users.username')
      .orderBy('api_keys.created_at', 'desc')
      .orderBy('api_keys.id');
    if (userId !== undefined) query = query.where('api_keys.user_id', '=', userId);
    return query.execute();
  }

  /** Sets `revoked_at` once; false when the key was already revoked (or is gone). */
  async revoke(id: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('api_keys')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /**
   * Records a use unless one was recorded since `staleBefore`. The condition sits in the UPDATE, so
   * parallel requests (or several processes on one PostgreSQL) write at most once per interval.
   */
  async touch(id: string, at: string, ip: string, staleBefore: string): Promise<boolean> {
    const result = await this.db
      .updateTable('api_keys')
      .set({ last_used_at: at, last_used_ip: ip })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', staleBefore)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
