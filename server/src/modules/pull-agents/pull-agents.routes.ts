import type { FastifyInstance } from 'fastify';
import { endpoints } from '@archnest/contract';
import { expectedOrigin } from '../../http/origin';
import { route } from '../../http/route';
import { actorOf } from '../audit/actor';
import type { PullAgentEnrolmentsService } from './pull-agent-enrolments.service';

export function pullAgentsRoutes(
  app: FastifyInstance,
  enrolments: PullAgentEnrolmentsService,
  publicUrl: string | undefined,
): void {
  route(app, endpoints.createPullAgentEnrolment, ({ auth, body, request }) =>
    enrolments.create(actorOf(auth, request), body, expectedOrigin(request, publicUrl)),
  );
  route(app, endpoints.completePullAgentEnrolment, ({ auth, params, request }) =>
    enrolments.complete(actorOf(auth, request), params.id),
  );
}
