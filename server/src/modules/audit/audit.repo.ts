import type { Insertable, Kysely } from 'kysely';
import type { AuditEntry } from '@archnest/contract';
import type { AuditLogTable, DatabaseSchema } from '../../db/schema';

export interface AuditPageQuery {
  limit: number;
  before?: number | undefined;
  action?: string | undefined;
}

export class AuditRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(row: Insertable<AuditLogTable>): Promise<void> {
    await this.db.insertInto('audit_log').values(row).execute();
  }

  async page(query: AuditPageQuery): Promise<AuditEntry[]> {
    let q = this.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(query.limit);
    if (query.before !== undefined) q = q.where('id', '<', query.before);
    if (query.action !== undefined) q = q.where('action', '=', query.action);
    const rows = await q.execute();
    return rows.map((r) => ({
      id: Number(r.id),
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      targetName: r.target_name,
      detail: JSON.parse(r.detail) as Record<string, unknown>,
      ip: r.ip,
    }));
  }
}
