import type { FastifyInstance } from 'fastify';
import { endpoints } from '@archnest/contract';
import { route } from '../../http/route';
import { viewerOf } from '../hosts/host-access';
import type { HostVisibility } from './host-visibility';
import type { InfrastructureService } from './infrastructure.service';

export function infrastructureRoutes(
  app: FastifyInstance,
  infrastructure: InfrastructureService,
  visibility: HostVisibility,
): void {
  route(app, endpoints.infrastructureOverview, async ({ auth }) =>
    infrastructure.overviewJson(await visibility.hiddenFor(viewerOf(auth))),
  );
  route(app, endpoints.infrastructureTile, async ({ auth, params }) =>
    infrastructure.tileJson(params.tileId, await visibility.hiddenFor(viewerOf(auth))),
  );
  route(app, endpoints.infrastructureSourceMembers, async ({ auth, params }) =>
    infrastructure.sourceMembersJson(params.sourceId, await visibility.hiddenFor(viewerOf(auth))),
  );
  route(app, endpoints.refreshInfrastructureSource, async ({ auth, params }) =>
    infrastructure.refresh(params.sourceId, await visibility.hiddenFor(viewerOf(auth))),
  );
}
