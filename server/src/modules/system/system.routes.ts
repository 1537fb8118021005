import type { FastifyInstance } from 'fastify';
import { endpoints } from '@archnest/contract';
import type { Features } from '../../features';
import { route } from '../../http/route';

export function systemRoutes(app: FastifyInstance, features: Features): void {
  route(app, endpoints.health, () => Promise.resolve({ status: 'ok' as const }));
  route(app, endpoints.features, () =>
    Promise.resolve({ edition: features.edition, features: features.all() }),
  );
  route(app, endpoints.openapi, () => Promise.resolve(app.swagger() as unknown as Record<string, unknown>));
}
