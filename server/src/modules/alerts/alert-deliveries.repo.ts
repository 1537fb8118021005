import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Delivery } from '@archnest/contract';
import type { AlertDeliveriesTable } from '../../db/alert-tables';
import type { DatabaseSchema } from '../../db/schema';

export type DeliveryRow = Selectable<AlertDeliveriesTable>;

export function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    channelId: row.channel_id,
    eventId: row.event_id === null ? null : Number(row.event_id),
    title: row.title,
    status: row.status,
    attempts: Number(row.attempts),
    httpStatus: row.http_status === null ? null : Number(row.http_status),
    error: row.error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The delivery outbox and log: queued rows survive a restart; settled rows are the channel's log. */
export class AlertDeliveriesRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  find(id: string): Promise<DeliveryRow | undefined> {
    return this.db.selectFrom('alert_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insert(row: DeliveryRow): Promise<void> {
    await this.db.insertInto('alert_deliveries').values(row).execute();
  }

  async update(id: string, changes: Updateable<AlertDeliveriesTable>): Promise<void> {
    await this.db.updateTable('alert_deliveries').set(changes).where('id', '=', id).execute();
  }

  /** Deliveries not yet settled, oldest first (resumed at start). */
  unsettled(): Promise<DeliveryRow[]> {
    return this.db
      .selectFrom('alert_deliveries')
      .selectAll()
      .where('status', 'in', ['queued', 'retrying'])
      .orderBy('created_at')
      .orderBy('event_id')
      .execute();
  }

  /** Settled deliveries older than `before`; queued and retrying ones are never pruned. */
  async pruneSettled(before: string): Promise<void> {
    await this.db
      .deleteFrom('alert_deliveries')
      .where('status', 'in', ['sent', 'failed'])
      .where('updated_at', '<', before)
      .execute();
  }

  forChannel(channelId: string, limit: number): Promise<DeliveryRow[]> {
    return this.db
      .selectFrom('alert_deliveries')
      .selectAll()
      .where('channel_id', '=', channelId)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
  }
}
