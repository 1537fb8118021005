import type {
  ActiveAlert,
  AlertHistory,
  AlertHistoryQuery,
  AlertInbox,
  Subscription,
  Subscriptions,
} from '@archnest/contract';
import { AlertHistoryQuery as HistoryQuerySchema } from '@archnest/contract';
import type { Clock } from '../../clock';
import { AppError } from '../../http/app-error';
import type { AlertChannelsService } from './alert-channels.service';
import type { AlertEngine } from './alert-engine.service';
import type { AlertDeliveriesRepo } from './alert-deliveries.repo';
import type { AlertEventsRepo } from './alert-events.repo';
import type { AlertRulesService } from './alert-rules.service';
import type { AlertSubscriptionsRepo } from './alert-subscriptions.repo';
import type { DeliveryQueue } from './delivery-queue';

const INBOX_SIZE = 20;
/** Delivery logs are kept 30 days, the alert history a year; pruned at start and hourly. */
export const DELIVERY_RETENTION_MS = 30 * 86_400_000;
export const HISTORY_RETENTION_MS = 365 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;

/** What users see of alerts: active ones, the history, the bell, and their own subscriptions. */
export class AlertsService {
  private pruneTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly engine: AlertEngine,
    readonly queue: DeliveryQueue,
    readonly rules: AlertRulesService,
    readonly channels: AlertChannelsService,
    private readonly events: AlertEventsRepo,
    private readonly subs: AlertSubscriptionsRepo,
    private readonly clock: Clock,
    private readonly deliveries: AlertDeliveriesRepo,
  ) {}

  /** Points the engine's and the queue's warnings at the app's logger (replaced at wiring). */
  useLog: (log: { warn(detail: object, message: string): void }) => void = () => undefined;

  /** Loads states and resumes queued deliveries; call before the pollers start. */
  async start(): Promise<void> {
    await this.engine.start();
    await this.queue.start();
    await this.prune();
    this.pruneTimer = setInterval(() => {
      this.prune().catch(() => undefined);
    }, PRUNE_EVERY_MS);
    this.pruneTimer.unref();
  }

  stop(): void {
    if (this.pruneTimer) clearInterval(this.pruneTimer);
    this.queue.stop();
  }

  /** Drops settled deliveries and history past their retention. */
  async prune(): Promise<void> {
    const now = this.clock.now().getTime();
    await this.deliveries.pruneSettled(new Date(now - DELIVERY_RETENTION_MS).toISOString());
    await this.events.pruneBefore(new Date(now - HISTORY_RETENTION_MS).toISOString());
  }

  active(): ActiveAlert[] {
    return this.engine.active();
  }

  private readonly muteListeners: ((id: string, until: string | null) => void)[] = [];

  /** A mute was stored (other replicas' engines hear of it through this). */
  onMuted(listener: (id: string, until: string | null) => void): void {
    this.muteListeners.push(listener);
  }

  async mute(id: string, until: string | null): Promise<ActiveAlert> {
    if (until !== null && Date.parse(until) <= this.clock.now().getTime()) {
      throw new AppError(400, 'invalid_request', 'Mute until a time in the future, or null to unmute.', {}, [
        { path: ['until'], message: 'Must be in the future.' },
      ]);
    }
    const muted = await this.engine.mute(id, until);
    for (const listener of this.muteListeners) listener(id, until);
    return muted;
  }

  async history(query: AlertHistoryQuery): Promise<AlertHistory> {
    const q = HistoryQuerySchema.parse(query);
    const events = await this.events.history({
      ...(q.ruleId ? { ruleId: q.ruleId } : {}),
      ...(q.kind ? { kind: q.kind } : {}),
      ...(q.severity ? { severity: q.severity } : {}),
      ...(q.q ? { q: q.q } : {}),
      ...(q.since ? { since: new Date(q.since).toISOString() } : {}),
      ...(q.until ? { until: new Date(q.until).toISOString() } : {}),
      ...(q.before ? { before: q.before } : {}),
      limit: q.limit,
    });
    const last = events.at(-1);
    return { events, nextBefore: events.length === q.limit && last ? last.id : null };
  }

  async inbox(userId: string): Promise<AlertInbox> {
    const lastReadId = await this.events.lastRead(userId);
    const [events, unread] = await Promise.all([
      this.events.latest(INBOX_SIZE),
      this.events.countAfter(lastReadId),
    ]);
    return { unread, lastReadId, events };
  }

  async markRead(userId: string, upToId: number): Promise<void> {
    const current = await this.events.lastRead(userId);
    if (upToId > current) await this.events.markRead(userId, upToId);
  }

  async subscriptions(userId: string): Promise<Subscriptions> {
    const [rules, channels, subscriptions] = await Promise.all([
      this.rules.list(),
      this.channels.summaries(),
      this.subs.forUser(userId),
    ]);
    return {
      rules: rules.map(({ id, name, severity, enabled }) => ({ id, name, severity, enabled })),
      channels,
      subscriptions,
    };
  }

  async putSubscriptions(userId: string, list: Subscription[]): Promise<Subscriptions> {
    const ruleIds = new Set((await this.rules.list()).map((r) => r.id));
    const channelIds = new Set((await this.channels.summaries()).map((c) => c.id));
    const unique = new Map(list.map((s) => [`${s.ruleId}|${s.channelId}`, s]));
    for (const [i, s] of [...unique.values()].entries()) {
      if (!ruleIds.has(s.ruleId) || !channelIds.has(s.channelId)) {
        throw new AppError(
          400,
          'invalid_request',
          'A subscription names a rule or channel that does not exist.',
          {},
          [{ path: ['subscriptions', i], message: 'Unknown rule or channel.' }],
        );
      }
    }
    await this.subs.replace(userId, [...unique.values()]);
    await this.engine.reload();
    return this.subscriptions(userId);
  }
}
