import type { FastifyInstance } from 'fastify';
import { endpoints } from '@archnest/contract';
import { route } from '../../http/route';
import { actorOf } from '../audit/actor';
import type { UsersService } from './users.service';

export function usersRoutes(app: FastifyInstance, users: UsersService): void {
  route(app, endpoints.listUsers, () => users.list());

  route(app, endpoints.createUser, ({ auth, body, request }) => users.create(actorOf(auth, request), body));

  route(app, endpoints.updateUser, ({ auth, params, body, request }) =>
    users.update(actorOf(auth, request), params.id, body),
  );

  route(app, endpoints.resetUserPassword, async ({ auth, params, body, request }) => {
    await users.resetPassword(actorOf(auth, request), params.id, body.password);
  });

  route(app, endpoints.deleteUser, ({ auth, params, request }) =>
    users.delete(actorOf(auth, request), params.id),
  );
}
