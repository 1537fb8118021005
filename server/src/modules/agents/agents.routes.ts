import type { FastifyInstance, FastifyRequest } from 'fastify';
import { endpoints } from '@archnest/contract';
import { route } from '../../http/route';
import { actorOf } from '../audit/actor';
import type { AgentReportsService } from './agent-reports.service';
import type { AgentTokensService } from './agent-tokens.service';
import { readReportBody } from './report-body';

export function agentsRoutes(
  app: FastifyInstance,
  reports: AgentReportsService,
  tokens: AgentTokensService,
): void {
  // The ingest route has its own body reader (5 MiB, gzip) in its own scope; the guard has already
  // checked the bearer token by the time the body is read.
  void app.register((scope, _opts, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('application/json', (request: FastifyRequest) => readReportBody(request.raw));
    route(scope, endpoints.agentReport, async ({ request, body }) => {
      const principal = request.agent;
      if (!principal) throw new Error('agent route reached without an agent principal');
      const { receivedAt } = await reports.ingest(principal, body);
      return { hostLabel: body.hostLabel, containers: body.containers.length, receivedAt };
    });
    done();
  });

  route(app, endpoints.listAgentHosts, () => reports.listHosts());
  route(app, endpoints.agentHostContainers, ({ params }) => reports.hostContainers(params.label));
  route(app, endpoints.agentContainer, ({ params }) => reports.container(params.label, params.ref));
  route(app, endpoints.deleteAgentHost, ({ auth, params, request }) =>
    reports.deleteHost(actorOf(auth, request), params.label),
  );
  route(app, endpoints.listAgentTokens, () => tokens.list());
  route(app, endpoints.issueAgentToken, ({ auth, body, request }) =>
    tokens.issue(actorOf(auth, request), body.hostLabel),
  );
  route(app, endpoints.revokeAgentToken, ({ auth, params, request }) =>
    tokens.revoke(actorOf(auth, request), params.id),
  );
}
