import type { ChannelKind } from '@archnest/contract';
import type { Clock } from '../../clock';
import { alertOrderKey, type AlertMessage } from './alert-message';
import type { AlertDeliveriesRepo, DeliveryRow } from './alert-deliveries.repo';
import { DeliveryError } from './channels/channel';
import { channelDefinition } from './channels/registry';

export interface ResolvedChannel {
  id: string;
  name: string;
  kind: ChannelKind;
  enabled: boolean;
  timeoutMs: number;
  config: unknown;
  secrets: unknown;
}

export interface DeliveryOptions {
  /** Attempts in flight at once per channel. */
  concurrency: number;
  maxAttempts: number;
  /** First retry after this long, doubling each time up to `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
}

export const defaultDeliveryOptions: DeliveryOptions = {
  concurrency: 2,
  maxAttempts: 5,
  backoffMs: 2000,
  maxBackoffMs: 60_000,
};

interface Lane {
  waiting: string[];
  active: number;
  /** Per alert: the delivery whose turn it is; the alert's later deliveries wait in `held`. */
  owners: Map<string, string>;
  held: Map<string, string[]>;
  /** The alert of each ordered delivery still unsettled. */
  keys: Map<string, string>;
}

/** A delivery to queue; `orderKey` (an alert's rule and subject) keeps one alert's messages in order. */
export interface QueuedDelivery {
  id: string;
  channelId: string;
  orderKey?: string | null;
}

/** The order key of a stored delivery (none for a channel test). */
function rowOrderKey(row: DeliveryRow): string | null {
  try {
    const message = JSON.parse(row.payload) as AlertMessage;
    return message.rule && message.subject ? alertOrderKey(message.rule.id, message.subject.key) : null;
  } catch {
    return null;
  }
}

export interface DeliveryLog {
  warn(detail: object, message: string): void;
}

/**
 * Sends queued deliveries, one lane per channel with its own concurrency, so a slow or dead channel
 * only ever holds up itself. Within a lane, one alert's messages go out one after another in the
 * order they were queued: a `resolved` waits while its `firing` is being retried. Every attempt is
 * bounded by the channel's timeout; 5xx answers, timeouts and refused or reset connections are
 * retried with exponential backoff, anything else (4xx, TLS failures) fails at once. Queued rows live
 * in the database, so a restart resumes them.
 */
export class DeliveryQueue {
  private readonly lanes = new Map<string, Lane>();
  private readonly waiters = new Map<string, ((row: DeliveryRow) => void)[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly repo: AlertDeliveriesRepo,
    private readonly resolve: (channelId: string) => Promise<ResolvedChannel | null>,
    private readonly clock: Clock,
    private readonly log: DeliveryLog,
    private readonly options: DeliveryOptions = defaultDeliveryOptions,
  ) {}

  /** Resumes what a previous run left queued or waiting for a retry. */
  async start(): Promise<void> {
    this.stopped = false;
    const now = this.clock.now().getTime();
    // Oldest first, so the first unsettled message of each alert has the turn.
    for (const row of await this.repo.unsettled()) {
      const due = row.next_attempt_at ? Date.parse(row.next_attempt_at) - now : 0;
      const orderKey = rowOrderKey(row);
      if (due <= 0) this.enqueue([{ id: row.id, channelId: row.channel_id, orderKey }]);
      else if (!orderKey || this.claim(this.lane(row.channel_id), orderKey, row.id))
        this.later(row.channel_id, row.id, Math.min(due, this.options.maxBackoffMs));
    }
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }

  enqueue(deliveries: readonly QueuedDelivery[]): void {
    for (const { id, channelId, orderKey } of deliveries) {
      const lane = this.lane(channelId);
      if (orderKey && !this.claim(lane, orderKey, id)) continue;
      lane.waiting.push(id);
      this.pump(channelId);
    }
  }

  /** Gives `id` its alert's turn if nobody has it, or holds it behind the one that has. */
  private claim(lane: Lane, key: string, id: string): boolean {
    lane.keys.set(id, key);
    const owner = lane.owners.get(key);
    if (owner === undefined || owner === id) {
      lane.owners.set(key, id);
      return true;
    }
    const held = lane.held.get(key) ?? [];
    if (!held.includes(id)) held.push(id);
    lane.held.set(key, held);
    return false;
  }

  /** `id` is settled: the next held message of its alert goes out. */
  private passTurn(channelId: string, id: string): void {
    const lane = this.lane(channelId);
    const key = lane.keys.get(id);
    lane.keys.delete(id);
    if (key === undefined || lane.owners.get(key) !== id) return;
    lane.owners.delete(key);
    const held = lane.held.get(key);
    const next = held?.shift();
    if (!held?.length) lane.held.delete(key);
    if (next === undefined) return;
    lane.owners.set(key, next);
    lane.waiting.push(next);
    this.pump(channelId);
  }

  /** Resolves once the delivery is sent or has failed for good. */
  settled(id: string): Promise<DeliveryRow> {
    return new Promise((resolve) => {
      const list = this.waiters.get(id) ?? [];
      list.push(resolve);
      this.waiters.set(id, list);
      // It may have settled before anyone waited.
      void this.repo.find(id).then((row) => {
        if (row && (row.status === 'sent' || row.status === 'failed')) this.notify(row);
      });
    });
  }

  private lane(channelId: string): Lane {
    let lane = this.lanes.get(channelId);
    if (!lane) {
      lane = { waiting: [], active: 0, owners: new Map(), held: new Map(), keys: new Map() };
      this.lanes.set(channelId, lane);
    }
    return lane;
  }

  private pump(channelId: string): void {
    const lane = this.lane(channelId);
    while (!this.stopped && lane.active < this.options.concurrency && lane.waiting.length) {
      const id = lane.waiting.shift() as string;
      lane.active++;
      void this.attempt(channelId, id)
        .catch((err: unknown) => this.log.warn({ err, delivery: id }, 'alert delivery bookkeeping failed'))
        .finally(() => {
          lane.active--;
          this.pump(channelId);
        });
    }
  }

  private later(channelId: string, id: string, ms: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.enqueue([{ id, channelId }]);
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  private async attempt(channelId: string, id: string): Promise<void> {
    const row = await this.repo.find(id);
    if (!row || row.status === 'sent' || row.status === 'failed') return this.passTurn(channelId, id);
    const channel = await this.resolve(channelId);
    const attempts = Number(row.attempts) + 1;
    const settle = async (changes: Partial<DeliveryRow>) => {
      const updated = { ...changes, attempts, updated_at: this.clock.now().toISOString() };
      await this.repo.update(id, updated);
      const final = { ...row, ...updated };
      if (final.status === 'sent' || final.status === 'failed') {
        this.notify(final);
        this.passTurn(channelId, id);
      }
    };
    if (!channel)
      return settle({ status: 'failed', error: 'The channel no longer exists.', next_attempt_at: null });
    if (!channel.enabled && row.event_id !== null) {
      return settle({ status: 'failed', error: 'The channel is disabled.', next_attempt_at: null });
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), channel.timeoutMs);
    try {
      const result = await channelDefinition(channel.kind).send(
        JSON.parse(row.payload) as AlertMessage,
        channel.config,
        channel.secrets,
        {
          signal: controller.signal,
          timeoutMs: channel.timeoutMs,
          deliveryId: id,
          now: () => this.clock.now(),
        },
      );
      await settle({ status: 'sent', http_status: result.httpStatus, error: null, next_attempt_at: null });
    } catch (err) {
      const e = err instanceof DeliveryError ? err : new DeliveryError('Sending failed.', false);
      if (e.retryable && attempts < this.options.maxAttempts && !this.stopped) {
        const wait = Math.min(this.options.backoffMs * 2 ** (attempts - 1), this.options.maxBackoffMs);
        await settle({
          status: 'retrying',
          http_status: e.httpStatus,
          error: e.message,
          next_attempt_at: new Date(this.clock.now().getTime() + wait).toISOString(),
        });
        this.later(channelId, id, wait);
      } else {
        await settle({
          status: 'failed',
          http_status: e.httpStatus,
          error: e.message,
          next_attempt_at: null,
        });
      }
    } finally {
      clearTimeout(timer);
    }
  }

  private notify(row: DeliveryRow): void {
    const list = this.waiters.get(row.id);
    if (!list) return;
    this.waiters.delete(row.id);
    for (const resolve of list) resolve(row);
  }
}
