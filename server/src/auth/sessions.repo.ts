import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema, SessionsTable, UsersTable } from '../db/schema';

export type SessionRow = Selectable<SessionsTable>;
export type SessionWithUser = { session: SessionRow; user: Selectable<UsersTable> };

export class SessionsRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(row: SessionRow): Promise<void> {
    await this.db.insertInto('sessions').values(row).execute();
  }

  async findByTokenHash(tokenHash: string): Promise<SessionWithUser | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select([
        'sessions.id as s_id',
        'sessions.token_hash as s_token_hash',
        'sessions.user_id as s_user_id',
        'sessions.created_at as s_created_at',
        'sessions.last_seen_at as s_last_seen_at',
        'sessions.expires_at as s_expires_at',
        'sessions.ip as s_ip',
        'sessions.user_agent as s_user_agent',
        'users.id',
        'users.username',
        'users.username_key',
        'users.password_hash',
        'users.role',
        'users.active',
        'users.created_at',
        'users.updated_at',
      ])
      .where('sessions.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return undefined;
    const {
      s_id,
      s_token_hash,
      s_user_id,
      s_created_at,
      s_last_seen_at,
      s_expires_at,
      s_ip,
      s_user_agent,
      ...user
    } = row;
    return {
      session: {
        id: s_id,
        token_hash: s_token_hash,
        user_id: s_user_id,
        created_at: s_created_at,
        last_seen_at: s_last_seen_at,
        expires_at: s_expires_at,
        ip: s_ip,
        user_agent: s_user_agent,
      },
      user,
    };
  }

  async touch(id: string, lastSeenAt: string, expiresAt: string): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
      .where('id', '=', id)
      .execute();
  }

  listByUser(userId: string): Promise<SessionRow[]> {
    return this.db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('last_seen_at', 'desc')
      .execute();
  }

  async findById(id: string): Promise<SessionRow | undefined> {
    return this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async deleteById(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('sessions').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Deletes the user's sessions (all, or all but one) and returns the ids that ended. */
  async deleteByUser(userId: string, exceptId?: string): Promise<string[]> {
    let query = this.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptId) query = query.where('id', '!=', exceptId);
    const rows = await query.returning('id').execute();
    return rows.map((r) => r.id);
  }

  async deleteExpired(nowIso: string): Promise<{ id: string; user_id: string }[]> {
    return this.db
      .deleteFrom('sessions')
      .where('expires_at', '<=', nowIso)
      .returning(['id', 'user_id'])
      .execute();
  }
}
