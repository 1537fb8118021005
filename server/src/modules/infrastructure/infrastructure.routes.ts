import type { FastifyInstance } from 'fastify';
import { endpoints } from '@archnest/contract';
import { route } from '../../http/route';
import type { InfrastructureService } from './infrastructure.service';

export function infrastructureRoutes(app: FastifyInstance, infrastructure: InfrastructureService): void {
  route(app, endpoints.infrastructureOverview, () => Promise.resolve(infrastructure.overviewJson()));
  route(app, endpoints.infrastructureTile, ({ params }) => infrastructure.tileJson(params.tileId));
  route(app, endpoints.refreshInfrastructureSource, ({ params }) => infrastructure.refresh(params.sourceId));
}
