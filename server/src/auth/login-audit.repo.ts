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
    method: row.method,
  };
}

export class LoginAuditRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(row: Insertable<LoginAuditTable>): Promise<void> {
    await this.db.insertInto('login_audit').values(row).execute();
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
