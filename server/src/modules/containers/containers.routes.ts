import type { FastifyInstance } from 'fastify';
import { endpoints, LogChunk, LOGS_CLOSE, LogsQuery } from '@archnest/contract';
import type { SessionEvents } from '../../auth/session-events';
import { closeWhenSignInEnds } from '../../auth/sign-in-watch';
import { websocketRoute } from '../../http/openapi-access';
import { route } from '../../http/route';
import { actorOf } from '../audit/actor';
import type { ContainersService } from './containers.service';
import type { DockerHostsService } from './docker-hosts.service';
import { followLogsSocket } from './logs.socket';

export function containersRoutes(
  app: FastifyInstance,
  dockerHosts: DockerHostsService,
  containers: ContainersService,
  events: SessionEvents,
): void {
  route(app, endpoints.listDockerHosts, () => dockerHosts.list());
  route(app, endpoints.createDockerHost, ({ auth, body, request }) =>
    dockerHosts.create(actorOf(auth, request), body),
  );
  route(app, endpoints.updateDockerHost, ({ auth, params, body, request }) =>
    dockerHosts.update(actorOf(auth, request), params.id, body),
  );
  route(app, endpoints.deleteDockerHost, ({ auth, params, request }) =>
    dockerHosts.delete(actorOf(auth, request), params.id),
  );
  route(app, endpoints.testDockerHost, ({ params }) => containers.test(params.id));

  route(app, endpoints.listContainers, ({ params, query }) =>
    containers.list(params.id, {
      all: query.all === 'true',
      filter: {
        ...(query.name ? { name: query.name } : {}),
        ...(query.image ? { image: query.image } : {}),
        ...(query.label ? { label: query.label } : {}),
        ...(query.state ? { state: query.state } : {}),
      },
    }),
  );
  route(app, endpoints.inspectContainer, ({ params }) => containers.inspect(params.id, params.ref));
  route(app, endpoints.containerLogs, ({ params, query }) =>
    containers.logs(params.id, params.ref, { tail: query.tail, timestamps: query.timestamps === 'true' }),
  );
  route(app, endpoints.containerStats, ({ params }) => containers.stats(params.id, params.ref));
  route(app, endpoints.containerAction, ({ auth, params, query, request }) =>
    containers.act(actorOf(auth, request), params.id, params.ref, params.action, query.force === 'true'),
  );
  route(app, endpoints.listImages, ({ params }) => containers.images(params.id));
  route(app, endpoints.listVolumes, ({ params }) => containers.volumes(params.id));
  route(app, endpoints.listNetworks, ({ params }) => containers.networks(params.id));

  app.get(
    endpoints.followContainerLogs.path,
    websocketRoute(endpoints.followContainerLogs, {
      doc: 'docs/containers.md',
      server: LogChunk,
      closeCodes: LOGS_CLOSE,
    }),
    (socket, request) => {
      const { id, ref } = request.params as { id: string; ref: string };
      const query = LogsQuery.safeParse(request.query);
      if (request.auth) closeWhenSignInEnds(socket, request.auth, events);
      followLogsSocket(socket, () =>
        containers.followLogs(id, ref, {
          tail: query.success ? query.data.tail : 200,
          timestamps: query.success && query.data.timestamps === 'true',
        }),
      );
    },
  );
}
