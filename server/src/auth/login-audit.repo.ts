import type { Insertable, Kysely, Selectable } from 'kysely';
import type { LoginAuditEntry } from '@archnest/contract';
import type { DatabaseSchema, LoginAuditTable } from '../db/schema';

function toEntry(row: Selectable<LoginAuditTable>): LoginAuditEntry {
  return {
    at: row.at,
    username: row.username,
    ip: row.ip,
    userAgent: row.user_agent,
    success: row.success === 1,
    reason: row.reason,
    count: Number(row.count),
    lastAt: row.last_at ?? row.at,
    method: row.method,
  };
}

export class LoginAuditRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(row: Insertable<LoginAuditTable>): Promise<void> {
    await this.db.insertInto('login_audit').values(row).execute();
  }

  /**
   * Adds one attempt to the newest row with this username, address and reason started at or after
   * `since`; false when there is none to fold into.
   */
  async fold(username: string, ip: string, reason: string, since: string, at: string): Promise<boolean> {
    const latest = await this.db
      .selectFrom('login_audit')
      .select('id')
      .where('username', '=', username)
      .where('ip', '=', ip)
      .where('reason', '=', reason)
      .where('at', '>=', since)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!latest) return false;
    await this.db
      .updateTable('login_audit')
      .set((eb) => ({ count: eb('count', '+', 1), last_at: at }))
      .where('id', '=', latest.id)
      .execute();
    return true;
  }

  /** Deletes rows older than `before` and all but the newest `keep` rows; returns how many went. */
  async prune(before: string, keep: number): Promise<number> {
    const old = await this.db.deleteFrom('login_audit').where('at', '<', before).executeTakeFirst();
    const boundary = await this.db
      .selectFrom('login_audit')
      .select('id')
      .orderBy('id', 'desc')
      .offset(keep)
      .limit(1)
      .executeTakeFirst();
    const over = boundary
      ? await this.db.deleteFrom('login_audit').where('id', '<=', boundary.id).executeTakeFirst()
      : undefined;
    return Number(old.numDeletedRows) + Number(over?.numDeletedRows ?? 0);
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('login_audit')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async listForUser(userId: string, limit: number): Promise<LoginAuditEntry[]> {
    const rows = await this.db
      .selectFrom('login_audit')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toEntry);
  }

  async listAll(limit: number): Promise<LoginAuditEntry[]> {
    const rows = await this.db
      .selectFrom('login_audit')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toEntry);
  }
}
