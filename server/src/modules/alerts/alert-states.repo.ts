import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { AlertEvent } from '@archnest/contract';
import type { AlertStatesTable } from '../../db/alert-tables';
import type { DatabaseSchema } from '../../db/schema';
import type { AlertState } from './alert-state';
import { alertOrderKey, messageFor } from './alert-message';
import type { QueuedDelivery } from './delivery-queue';

type StateRow = Selectable<AlertStatesTable>;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const ms = (text: string | null) => (text === null ? null : Date.parse(text));

function toRow(s: AlertState): StateRow {
  return {
    rule_id: s.ruleId,
    subject_key: s.subjectKey,
    source_id: s.sourceId,
    subject_name: s.subjectName,
    host: s.host,
    status: s.status,
    since: new Date(s.since).toISOString(),
    firing_since: iso(s.firingSince),
    clear_since: iso(s.clearSince),
    notified_at: iso(s.notifiedAt),
    muted_until: iso(s.mutedUntil),
    message: s.message,
  };
}

function fromRow(r: StateRow): AlertState {
  return {
    ruleId: r.rule_id,
    subjectKey: r.subject_key,
    sourceId: r.source_id,
    subjectName: r.subject_name,
    host: r.host,
    status: r.status,
    since: Date.parse(r.since),
    firingSince: ms(r.firing_since),
    clearSince: ms(r.clear_since),
    notifiedAt: ms(r.notified_at),
    mutedUntil: ms(r.muted_until),
    message: r.message,
  };
}

export type NewEvent = Omit<AlertEvent, 'id'>;

export interface PersistBatch {
  upserts: AlertState[];
  deletes: { ruleId: string; subjectKey: string }[];
  events: { event: NewEvent; channelIds: string[] }[];
}

export interface Persisted {
  events: AlertEvent[];
  deliveries: QueuedDelivery[];
}

/** Alert states, and the events and deliveries a transition creates, written in one transaction. */
export class AlertStatesRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async all(): Promise<AlertState[]> {
    return (await this.db.selectFrom('alert_states').selectAll().execute()).map(fromRow);
  }

  async deleteForRule(ruleId: string): Promise<void> {
    await this.db.deleteFrom('alert_states').where('rule_id', '=', ruleId).execute();
  }

  async setMute(ruleId: string, subjectKey: string, until: string | null): Promise<void> {
    await this.db
      .updateTable('alert_states')
      .set({ muted_until: until })
      .where('rule_id', '=', ruleId)
      .where('subject_key', '=', subjectKey)
      .execute();
  }

  /**
   * The state change, its history events and their queued deliveries land together or not at all: a
   * crash in between neither loses a message nor lets a restart send it again.
   */
  apply(batch: PersistBatch, now: string): Promise<Persisted> {
    return this.db.transaction().execute(async (trx) => {
      for (const d of batch.deletes) {
        await trx
          .deleteFrom('alert_states')
          .where('rule_id', '=', d.ruleId)
          .where('subject_key', '=', d.subjectKey)
          .execute();
      }
      for (const s of batch.upserts) {
        const row = toRow(s);
        const { rule_id: _r, subject_key: _k, ...rest } = row;
        await trx
          .insertInto('alert_states')
          .values(row)
          .onConflict((oc) => oc.columns(['rule_id', 'subject_key']).doUpdateSet(rest))
          .execute();
      }
      const persisted: Persisted = { events: [], deliveries: [] };
      for (const { event, channelIds } of batch.events) {
        const inserted = await trx
          .insertInto('alert_events')
          .values({
            at: event.at,
            kind: event.kind,
            rule_id: event.ruleId,
            rule_name: event.ruleName,
            severity: event.severity,
            subject_key: event.subjectKey,
            subject_name: event.subjectName,
            host: event.host,
            message: event.message,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const full: AlertEvent = { ...event, id: Number(inserted.id) };
        persisted.events.push(full);
        const message = messageFor(full);
        for (const channelId of channelIds) {
          const id = randomUUID();
          await trx
            .insertInto('alert_deliveries')
            .values({
              id,
              channel_id: channelId,
              event_id: full.id,
              title: message.title,
              payload: JSON.stringify(message),
              status: 'queued',
              attempts: 0,
              http_status: null,
              error: null,
              next_attempt_at: null,
              created_at: now,
              updated_at: now,
            })
            .execute();
          persisted.deliveries.push({
            id,
            channelId,
            orderKey: alertOrderKey(event.ruleId, event.subjectKey),
          });
        }
      }
      return persisted;
    });
  }
}
