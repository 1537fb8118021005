import type { FastifyInstance } from 'fastify';
import { endpoints, LogChunk, LOGS_CLOSE, LogsQuery } from '@archnest/contract';
import type { SessionEvents } from '../../auth/session-events';
import { closeWhenSignInEnds } from '../../auth/sign-in-watch';
import { websocketRoute } from '../../http/openapi-access';
import type { AuthContext } from '../../auth/auth-context';
import { route } from '../../http/route';
import { actorOf } from '../audit/actor';
import { viewerOf } from '../hosts/host-access';
import type { ContainersService } from './containers.service';
import type { DockerHostsService } from './docker-hosts.service';
import { followLogsSocket } from './logs.socket';
import type { AllContainersService } from './all-containers.service';
import { containerTableRoutes } from './container-table.routes';

export function containersRoutes(
  app: FastifyInstance,
  dockerHosts: DockerHostsService,
  containers: ContainersService,
  events: SessionEvents,
  all: AllContainersService,
): void {
  containerTableRoutes(app, dockerHosts, containers, all);
  route(app, endpoints.listDockerHosts, ({ auth }) => dockerHosts.listFor(viewerOf(auth)));
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

  /** Every per-host read answers 404 when the host runs over an SSH host the user may not use. */
  const visible = <T>(auth: AuthContext, id: string, then: () => Promise<T>): Promise<T> =>
    dockerHosts.requireFor(viewerOf(auth), id).then(then);

  route(app, endpoints.listContainers, ({ auth, params, query }) =>
    visible(auth, params.id, () =>
      containers.list(params.id, {
        all: query.all === 'true',
        filter: {
          ...(query.name ? { name: query.name } : {}),
          ...(query.image ? { image: query.image } : {}),
          ...(query.label ? { label: query.label } : {}),
          ...(query.state ? { state: query.state } : {}),
        },
      }),
    ),
  );
  route(app, endpoints.inspectContainer, ({ auth, params }) =>
    visible(auth, params.id, () => containers.inspect(params.id, params.ref)),
  );
  route(app, endpoints.containerLogs, ({ auth, params, query }) =>
    visible(auth, params.id, () =>
      containers.logs(params.id, params.ref, { tail: query.tail, timestamps: query.timestamps === 'true' }),
    ),
  );
  route(app, endpoints.containerStats, ({ auth, params }) =>
    visible(auth, params.id, () => containers.stats(params.id, params.ref)),
  );
  route(app, endpoints.containerAction, ({ auth, params, query, request }) =>
    containers.act(actorOf(auth, request), params.id, params.ref, params.action, query.force === 'true'),
  );
  route(app, endpoints.listImages, ({ auth, params }) =>
    visible(auth, params.id, () => containers.images(params.id)),
  );
  route(app, endpoints.listVolumes, ({ auth, params }) =>
    visible(auth, params.id, () => containers.volumes(params.id)),
  );
  route(app, endpoints.listNetworks, ({ auth, params }) =>
    visible(auth, params.id, () => containers.networks(params.id)),
  );

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
      const auth = request.auth;
      if (!auth) {
        socket.close(LOGS_CLOSE.sessionEnded, 'session ended');
        return;
      }
      closeWhenSignInEnds(socket, auth, events);
      followLogsSocket(socket, () =>
        visible(auth, id, () =>
          containers.followLogs(id, ref, {
            tail: query.success ? query.data.tail : 200,
            timestamps: query.success && query.data.timestamps === 'true',
          }),
        ),
      );
    },
  );
}
