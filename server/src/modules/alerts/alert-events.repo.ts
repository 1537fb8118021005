import type { Kysely, Selectable } from 'kysely';
import type { AlertEvent, AlertEventKind, AlertSeverity } from '@archnest/contract';
import type { AlertEventsTable } from '../../db/alert-tables';
import type { DatabaseSchema } from '../../db/schema';

function toEvent(r: Selectable<AlertEventsTable>): AlertEvent {
  return {
    id: Number(r.id),
    at: r.at,
    kind: r.kind,
    ruleId: r.rule_id,
    ruleName: r.rule_name,
    severity: r.severity as AlertSeverity,
    subjectKey: r.subject_key,
    subjectName: r.subject_name,
    host: r.host,
    message: r.message,
  };
}

export interface HistoryFilter {
  ruleId?: string;
  kind?: AlertEventKind;
  severity?: AlertSeverity;
  q?: string;
  since?: string;
  until?: string;
  before?: number;
  limit: number;
}

/** The alert history (also what the bell lists) and each user's read mark. */
export class AlertEventsRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async history(f: HistoryFilter): Promise<AlertEvent[]> {
    let query = this.db.selectFrom('alert_events').selectAll();
    if (f.ruleId) query = query.where('rule_id', '=', f.ruleId);
    if (f.kind) query = query.where('kind', '=', f.kind);
    if (f.severity) query = query.where('severity', '=', f.severity);
    if (f.since) query = query.where('at', '>=', f.since);
    if (f.until) query = query.where('at', '<=', f.until);
    if (f.before) query = query.where('id', '<', f.before);
    if (f.q) {
      const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['subject_name']), 'like', eb.val(like)),
          eb(eb.fn('lower', ['host']), 'like', eb.val(like)),
        ]),
      );
    }
    return (await query.orderBy('id', 'desc').limit(f.limit).execute()).map(toEvent);
  }

  async latest(limit: number): Promise<AlertEvent[]> {
    return this.history({ limit });
  }

  async pruneBefore(before: string): Promise<void> {
    await this.db.deleteFrom('alert_events').where('at', '<', before).execute();
  }

  async countAfter(id: number): Promise<number> {
    const row = await this.db
      .selectFrom('alert_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('id', '>', id)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async lastRead(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('alert_reads')
      .select('last_read_id')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(row?.last_read_id ?? 0);
  }

  async markRead(userId: string, upToId: number): Promise<void> {
    await this.db
      .insertInto('alert_reads')
      .values({ user_id: userId, last_read_id: upToId })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ last_read_id: upToId }))
      .execute();
  }
}
