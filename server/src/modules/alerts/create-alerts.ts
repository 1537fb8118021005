import type { Kysely } from 'kysely';
import type { Clock } from '../../clock';
import type { SecretBox } from '../../crypto/secret-box';
import type { DatabaseSchema } from '../../db/schema';
import type { AuditService } from '../audit/audit.service';
import type { SessionEvents } from '../../auth/session-events';
import { AlertChannelsRepo } from './alert-channels.repo';
import { AlertChannelsService } from './alert-channels.service';
import { AlertDeliveriesRepo } from './alert-deliveries.repo';
import { AlertEngine, type EngineLog } from './alert-engine.service';
import { AlertEventsRepo } from './alert-events.repo';
import { AlertRulesRepo } from './alert-rules.repo';
import { AlertRulesService } from './alert-rules.service';
import { AlertStatesRepo } from './alert-states.repo';
import { AlertSubscriptionsRepo } from './alert-subscriptions.repo';
import { AlertsService } from './alerts.service';
import { defaultDeliveryOptions, DeliveryQueue, type DeliveryOptions } from './delivery-queue';

export interface AlertsDeps {
  db: Kysely<DatabaseSchema>;
  box: SecretBox;
  audit: AuditService;
  clock: Clock;
  events: SessionEvents;
  log?: EngineLog;
  delivery?: Partial<DeliveryOptions>;
}

const quiet: EngineLog = { warn: () => undefined };

/** Wires the alert module; the app connects it to the pollers and the container actions. */
export function createAlerts(deps: AlertsDeps): AlertsService {
  // Wired before the app has its logger; `AlertsService.useLog` points it at the app's.
  let target = deps.log ?? quiet;
  const log: EngineLog = { warn: (detail, message) => target.warn(detail, message) };
  const channelsRepo = new AlertChannelsRepo(deps.db);
  const deliveries = new AlertDeliveriesRepo(deps.db);
  const rulesRepo = new AlertRulesRepo(deps.db);
  const subs = new AlertSubscriptionsRepo(deps.db);
  const channels = new AlertChannelsService(channelsRepo, deliveries, deps.box, deps.audit, deps.clock);
  const rules = new AlertRulesService(rulesRepo, channelsRepo, deps.audit, deps.clock);
  const queue = new DeliveryQueue(deliveries, (id) => channels.resolve(id), deps.clock, log, {
    ...defaultDeliveryOptions,
    ...deps.delivery,
  });
  channels.useQueue(queue);
  const engine = new AlertEngine({
    states: new AlertStatesRepo(deps.db),
    clock: deps.clock,
    log,
    loadRules: async () => {
      const [all, subscriptions, enabled] = await Promise.all([
        rulesRepo.list(),
        subs.all(),
        channelsRepo.list().then((rows) => new Set(rows.filter((r) => r.enabled === 1).map((r) => r.id))),
      ]);
      return all
        .filter((rule) => rule.enabled)
        .map((rule) => {
          const ids = new Set(rule.channelIds);
          for (const s of subscriptions) if (s.ruleId === rule.id) ids.add(s.channelId);
          return { rule, channelIds: [...ids].filter((id) => enabled.has(id)) };
        });
    },
    enqueue: (list) => queue.enqueue(list),
    published: (event) => deps.events.emitAlert(event),
  });
  rules.onChange(async (ruleId, reset) => {
    if (reset) await engine.resetRule(ruleId);
    await engine.reload();
  });
  channels.onChange((deletedId) => {
    void (deletedId ? rulesRepo.dropChannel(deletedId) : Promise.resolve())
      .then(() => engine.reload())
      .catch((err: unknown) => log.warn({ err }, 'alert rules could not be reloaded'));
  });
  const service = new AlertsService(
    engine,
    queue,
    rules,
    channels,
    new AlertEventsRepo(deps.db),
    subs,
    deps.clock,
    deliveries,
  );
  service.useLog = (next) => {
    target = next;
  };
  return service;
}
