import type { FastifyInstance } from 'fastify';
import { endpoints } from '@archnest/contract';
import { route } from '../../http/route';
import { actorOf } from '../audit/actor';
import type { IntegrationsService } from './integrations.service';

export function integrationsRoutes(app: FastifyInstance, integrations: IntegrationsService): void {
  route(app, endpoints.listIntegrations, () => integrations.list());
  route(app, endpoints.createIntegration, ({ auth, body, request }) =>
    integrations.create(actorOf(auth, request), body),
  );
  route(app, endpoints.updateIntegration, ({ auth, params, body, request }) =>
    integrations.update(actorOf(auth, request), params.id, body),
  );
  route(app, endpoints.deleteIntegration, ({ auth, params, request }) =>
    integrations.delete(actorOf(auth, request), params.id),
  );
  route(app, endpoints.testIntegration, ({ params }) => integrations.test(params.id));
}
