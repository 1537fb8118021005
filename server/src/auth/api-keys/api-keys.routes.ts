import type { FastifyInstance } from 'fastify';
import { endpoints } from '@archnest/contract';
import { route } from '../../http/route';
import { actorOf } from '../../modules/audit/actor';
import type { ApiKeysService } from './api-keys.service';

export function apiKeysRoutes(app: FastifyInstance, keys: ApiKeysService): void {
  route(app, endpoints.listApiKeys, ({ auth }) => keys.list(auth.user.id));
  route(app, endpoints.createApiKey, ({ auth, body, request }) =>
    keys.create(auth, body, actorOf(auth, request)),
  );
  route(app, endpoints.revokeApiKey, ({ auth, params, request }) =>
    keys.revoke(params.id, actorOf(auth, request), auth.user.id),
  );
  route(app, endpoints.adminListApiKeys, () => keys.list());
  route(app, endpoints.adminRevokeApiKey, ({ auth, params, request }) =>
    keys.revoke(params.id, actorOf(auth, request)),
  );
}
