import type { FastifyInstance } from 'fastify';
import { endpoints, PULL_CLOSE, PullFrame, PullQuery } from '@archnest/contract';
import type { AuthContext } from '../../auth/auth-context';
import type { SessionEvents } from '../../auth/session-events';
import { closeWhenSignInEnds } from '../../auth/sign-in-watch';
import { websocketRoute } from '../../http/openapi-access';
import { route } from '../../http/route';
import { actorOf } from '../audit/actor';
import type { DockerHostsService } from '../containers/docker-hosts.service';
import { viewerOf } from '../hosts/host-access';
import type { DockerObjectsService } from './docker-objects.service';
import { pullSocket } from './pull.socket';

export function dockerObjectsRoutes(
  app: FastifyInstance,
  dockerHosts: DockerHostsService,
  objects: DockerObjectsService,
  events: SessionEvents,
): void {
  /** A host that runs over an SSH host the user may not use answers 404, for reads and changes alike. */
  const visible = <T>(auth: AuthContext, id: string, then: () => Promise<T>): Promise<T> =>
    dockerHosts.requireFor(viewerOf(auth), id).then(then);

  route(app, endpoints.inspectImage, ({ auth, params }) =>
    visible(auth, params.id, () => objects.inspectImage(params.id, params.ref)),
  );
  route(app, endpoints.removeImage, ({ auth, params, query, request }) =>
    visible(auth, params.id, () =>
      objects.removeImage(actorOf(auth, request), params.id, params.ref, query.force === 'true'),
    ),
  );
  route(app, endpoints.previewImagePrune, ({ auth, params, query }) =>
    visible(auth, params.id, () => objects.prunePreview(params.id, 'images', query.all === 'true')),
  );
  route(app, endpoints.pruneImages, ({ auth, params, body, request }) =>
    visible(auth, params.id, () => objects.prune(actorOf(auth, request), params.id, 'images', body.all)),
  );
  route(app, endpoints.inspectVolume, ({ auth, params }) =>
    visible(auth, params.id, () => objects.inspectVolume(params.id, params.name)),
  );
  route(app, endpoints.removeVolume, ({ auth, params, request }) =>
    visible(auth, params.id, () => objects.removeVolume(actorOf(auth, request), params.id, params.name)),
  );
  route(app, endpoints.previewVolumePrune, ({ auth, params }) =>
    visible(auth, params.id, () => objects.prunePreview(params.id, 'volumes', false)),
  );
  route(app, endpoints.pruneVolumes, ({ auth, params, request }) =>
    visible(auth, params.id, () => objects.prune(actorOf(auth, request), params.id, 'volumes', false)),
  );
  route(app, endpoints.inspectNetwork, ({ auth, params }) =>
    visible(auth, params.id, () => objects.inspectNetwork(params.id, params.ref)),
  );
  route(app, endpoints.removeNetwork, ({ auth, params, request }) =>
    visible(auth, params.id, () => objects.removeNetwork(actorOf(auth, request), params.id, params.ref)),
  );
  route(app, endpoints.previewNetworkPrune, ({ auth, params }) =>
    visible(auth, params.id, () => objects.prunePreview(params.id, 'networks', false)),
  );
  route(app, endpoints.pruneNetworks, ({ auth, params, request }) =>
    visible(auth, params.id, () => objects.prune(actorOf(auth, request), params.id, 'networks', false)),
  );

  app.get(
    endpoints.pullImage.path,
    websocketRoute(endpoints.pullImage, {
      doc: 'docs/docker-objects.md',
      server: PullFrame,
      closeCodes: PULL_CLOSE,
    }),
    (socket, request) => {
      const { id } = request.params as { id: string };
      const auth = request.auth;
      if (!auth) {
        socket.close(PULL_CLOSE.sessionEnded, 'session ended');
        return;
      }
      const query = PullQuery.safeParse(request.query);
      if (!query.success) {
        socket.send(
          JSON.stringify({
            type: 'error',
            message:
              'An image reference looks like name, name:tag, registry:5000/path/name:tag or name@sha256:…',
          } satisfies PullFrame),
        );
        socket.close(PULL_CLOSE.invalid, 'invalid image reference');
        return;
      }
      closeWhenSignInEnds(socket, auth, events);
      const ref = query.data.ref;
      pullSocket(socket, ref, () => visible(auth, id, () => objects.pull(actorOf(auth, request), id, ref)));
    },
  );
}
