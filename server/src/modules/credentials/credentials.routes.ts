import type { FastifyInstance } from 'fastify';
import { endpoints } from '@archnest/contract';
import { route } from '../../http/route';
import { actorOf } from '../audit/actor';
import type { CredentialsService } from './credentials.service';

export function credentialsRoutes(app: FastifyInstance, credentials: CredentialsService): void {
  route(app, endpoints.listCredentials, () => credentials.list());
  route(app, endpoints.createCredential, ({ auth, body, request }) =>
    credentials.create(actorOf(auth, request), body),
  );
  route(app, endpoints.updateCredential, ({ auth, params, body, request }) =>
    credentials.update(actorOf(auth, request), params.id, body),
  );
  route(app, endpoints.deleteCredential, ({ auth, params, request }) =>
    credentials.delete(actorOf(auth, request), params.id),
  );
}
