import type { FastifyInstance } from 'fastify';
import { endpoints } from '@archnest/contract';
import { route } from '../../http/route';
import { actorOf } from '../audit/actor';
import type { GuestActionsService } from './guest-actions.service';

export function guestActionsRoutes(app: FastifyInstance, guestActions: GuestActionsService): void {
  route(app, endpoints.guestPowerAction, ({ auth, params, body, request }) =>
    guestActions.act(
      actorOf(auth, request),
      { integrationId: params.id, node: params.node, type: params.guestType, vmid: params.vmid },
      body,
    ),
  );
  route(app, endpoints.listGuestTasks, ({ params }) => guestActions.list(params.id));
  route(app, endpoints.getGuestTask, ({ params }) => guestActions.get(params.id, params.taskId));
}
