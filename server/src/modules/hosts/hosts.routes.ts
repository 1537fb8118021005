import type { FastifyInstance } from 'fastify';
import { endpoints } from '@archnest/contract';
import { route } from '../../http/route';
import { actorOf } from '../audit/actor';
import type { HostImportService } from './host-import.service';
import type { HostKeyService } from './host-key.service';
import type { HostsService } from './hosts.service';
import type { ConnectionTester } from './connection-tester';

export interface HostsRoutesDeps {
  hosts: HostsService;
  hostKeys: HostKeyService;
  importer: HostImportService;
  tester: ConnectionTester;
}

export function hostsRoutes(
  app: FastifyInstance,
  { hosts, hostKeys, importer, tester }: HostsRoutesDeps,
): void {
  route(app, endpoints.listHosts, () => hosts.list());
  route(app, endpoints.getHost, ({ params }) => hosts.get(params.id));
  route(app, endpoints.createHost, ({ auth, body, request }) => hosts.create(actorOf(auth, request), body));
  route(app, endpoints.updateHost, ({ auth, params, body, request }) =>
    hosts.update(actorOf(auth, request), params.id, body),
  );
  route(app, endpoints.deleteHost, ({ auth, params, request }) =>
    hosts.delete(actorOf(auth, request), params.id),
  );
  route(app, endpoints.testHost, ({ auth, params }) => tester.testFor(auth.user.id, params.id));
  route(app, endpoints.importPreview, ({ body }) => Promise.resolve(importer.preview(body.text)));
  route(app, endpoints.importHosts, ({ auth, body, request }) =>
    importer.import(actorOf(auth, request), body.hosts),
  );

  route(app, endpoints.listKnownHostKeys, () => hostKeys.list());
  route(app, endpoints.trustHostKey, ({ auth, body, request }) =>
    hostKeys.trust({ ...actorOf(auth, request), isAdmin: auth.user.role === 'admin' }, body.challengeId),
  );
  route(app, endpoints.deleteKnownHostKey, ({ auth, params, request }) =>
    hostKeys.forget(actorOf(auth, request), params.id),
  );
}
