import type { Kysely, Selectable, Updateable } from 'kysely';
import type { AlertChannelsTable } from '../../db/alert-tables';
import type { DatabaseSchema } from '../../db/schema';

export type ChannelRow = Selectable<AlertChannelsTable>;

export class AlertChannelsRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  list(): Promise<ChannelRow[]> {
    return this.db.selectFrom('alert_channels').selectAll().orderBy('name').orderBy('id').execute();
  }

  find(id: string): Promise<ChannelRow | undefined> {
    return this.db.selectFrom('alert_channels').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insert(row: ChannelRow): Promise<void> {
    await this.db.insertInto('alert_channels').values(row).execute();
  }

  async update(id: string, changes: Updateable<AlertChannelsTable>): Promise<void> {
    await this.db.updateTable('alert_channels').set(changes).where('id', '=', id).execute();
  }

  /** The channel and its delivery log (queued deliveries included). */
  async delete(id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('alert_deliveries').where('channel_id', '=', id).execute();
      await trx.deleteFrom('alert_subscriptions').where('channel_id', '=', id).execute();
      await trx.deleteFrom('alert_channels').where('id', '=', id).execute();
    });
  }
}
