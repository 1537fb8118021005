import type { Kysely, Selectable, Updateable } from 'kysely';
import { AlertCondition, AlertScope, type AlertRule, type AlertSeverity } from '@archnest/contract';
import type { AlertRulesTable } from '../../db/alert-tables';
import type { DatabaseSchema } from '../../db/schema';

export type RuleRow = Selectable<AlertRulesTable>;

/** A rule as the engine and the API see it, plus the revision that keys its states. */
export interface StoredRule extends AlertRule {
  revision: number;
}

export function toRule(row: RuleRow): StoredRule {
  return {
    id: row.id,
    name: row.name,
    enabled: row.enabled === 1,
    condition: AlertCondition.parse(JSON.parse(row.condition)),
    scope: AlertScope.parse(JSON.parse(row.scope)),
    severity: row.severity as AlertSeverity,
    forSeconds: Number(row.for_seconds),
    resolveAfterSeconds: Number(row.resolve_after_seconds),
    repeatMinutes: Number(row.repeat_minutes),
    channelIds: JSON.parse(row.channel_ids) as string[],
    revision: Number(row.revision),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class AlertRulesRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async list(): Promise<StoredRule[]> {
    const rows = await this.db.selectFrom('alert_rules').selectAll().orderBy('name').orderBy('id').execute();
    return rows.map(toRule);
  }

  async find(id: string): Promise<StoredRule | undefined> {
    const row = await this.db.selectFrom('alert_rules').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRule(row);
  }

  async insert(row: RuleRow): Promise<void> {
    await this.db.insertInto('alert_rules').values(row).execute();
  }

  async update(id: string, changes: Updateable<AlertRulesTable>): Promise<void> {
    await this.db.updateTable('alert_rules').set(changes).where('id', '=', id).execute();
  }

  /** The rule, its states and the subscriptions to it; its history stays. */
  async delete(id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('alert_states').where('rule_id', '=', id).execute();
      await trx.deleteFrom('alert_subscriptions').where('rule_id', '=', id).execute();
      await trx.deleteFrom('alert_rules').where('id', '=', id).execute();
    });
  }

  /** Takes a removed channel out of every rule's list. */
  async dropChannel(channelId: string): Promise<void> {
    for (const rule of await this.list()) {
      if (!rule.channelIds.includes(channelId)) continue;
      await this.update(rule.id, {
        channel_ids: JSON.stringify(rule.channelIds.filter((c) => c !== channelId)),
      });
    }
  }
}
