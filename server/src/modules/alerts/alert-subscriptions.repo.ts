import type { Kysely } from 'kysely';
import type { Subscription } from '@archnest/contract';
import type { DatabaseSchema } from '../../db/schema';

export class AlertSubscriptionsRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async forUser(userId: string): Promise<Subscription[]> {
    const rows = await this.db
      .selectFrom('alert_subscriptions')
      .select(['rule_id', 'channel_id'])
      .where('user_id', '=', userId)
      .orderBy('rule_id')
      .orderBy('channel_id')
      .execute();
    return rows.map((r) => ({ ruleId: r.rule_id, channelId: r.channel_id }));
  }

  /** Every (rule, channel) pair any active user subscribed to. */
  async all(): Promise<{ ruleId: string; channelId: string }[]> {
    const rows = await this.db
      .selectFrom('alert_subscriptions')
      .innerJoin('users', 'users.id', 'alert_subscriptions.user_id')
      .where('users.active', '=', 1)
      .select(['alert_subscriptions.rule_id', 'alert_subscriptions.channel_id'])
      .distinct()
      .execute();
    return rows.map((r) => ({ ruleId: r.rule_id, channelId: r.channel_id }));
  }

  async replace(userId: string, subscriptions: Subscription[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('alert_subscriptions').where('user_id', '=', userId).execute();
      if (subscriptions.length === 0) return;
      await trx
        .insertInto('alert_subscriptions')
        .values(subscriptions.map((s) => ({ user_id: userId, rule_id: s.ruleId, channel_id: s.channelId })))
        .execute();
    });
  }

  async dropChannel(channelId: string): Promise<void> {
    await this.db.deleteFrom('alert_subscriptions').where('channel_id', '=', channelId).execute();
  }
}
