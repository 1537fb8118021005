import type { FastifyInstance } from 'fastify';
import { endpoints } from '@archnest/contract';
import { route } from '../../http/route';
import { actorOf } from '../audit/actor';
import type { AlertsService } from './alerts.service';

export function alertsRoutes(app: FastifyInstance, alerts: AlertsService): void {
  const { rules, channels } = alerts;
  route(app, endpoints.listAlertRules, () => rules.list());
  route(app, endpoints.createAlertRule, ({ auth, body, request }) =>
    rules.create(actorOf(auth, request), body),
  );
  route(app, endpoints.updateAlertRule, ({ auth, params, body, request }) =>
    rules.update(actorOf(auth, request), params.id, body),
  );
  route(app, endpoints.deleteAlertRule, ({ auth, params, request }) =>
    rules.delete(actorOf(auth, request), params.id),
  );
  route(app, endpoints.listAlertChannels, () => channels.list());
  route(app, endpoints.createAlertChannel, ({ auth, body, request }) =>
    channels.create(actorOf(auth, request), body),
  );
  route(app, endpoints.updateAlertChannel, ({ auth, params, body, request }) =>
    channels.update(actorOf(auth, request), params.id, body),
  );
  route(app, endpoints.deleteAlertChannel, ({ auth, params, request }) =>
    channels.delete(actorOf(auth, request), params.id),
  );
  route(app, endpoints.testAlertChannel, ({ params }) => channels.test(params.id));
  route(app, endpoints.listAlertDeliveries, ({ params }) => channels.deliveryLog(params.id));
  route(app, endpoints.activeAlerts, () => Promise.resolve(alerts.active()));
  route(app, endpoints.muteAlert, ({ params, body }) => alerts.mute(params.id, body.until));
  route(app, endpoints.alertHistory, ({ query }) => alerts.history(query));
  route(app, endpoints.alertInbox, ({ auth }) => alerts.inbox(auth.user.id));
  route(app, endpoints.markAlertsRead, ({ auth, body }) => alerts.markRead(auth.user.id, body.upToId));
  route(app, endpoints.alertSubscriptions, ({ auth }) => alerts.subscriptions(auth.user.id));
  route(app, endpoints.putAlertSubscriptions, ({ auth, body }) =>
    alerts.putSubscriptions(auth.user.id, body.subscriptions),
  );
}
