import type { FastifyInstance } from 'fastify';
import { endpoints } from '@archnest/contract';
import { route } from '../../http/route';
import { actorOf } from '../audit/actor';
import { viewerOf } from './host-access';
import type { HostImportService } from './host-import.service';
import type { HostLoginService } from './host-login.service';
import type { HostKeyService } from './host-key.service';
import type { HostsService } from './hosts.service';
import type { ConnectionTester } from './connection-tester';

export interface HostsRoutesDeps {
  hosts: HostsService;
  hostLogins: HostLoginService;
  hostKeys: HostKeyService;
  importer: HostImportService;
  tester: ConnectionTester;
}

export function hostsRoutes(
  app: FastifyInstance,
  { hosts, hostLogins, hostKeys, importer, tester }: HostsRoutesDeps,
): void {
  route(app, endpoints.listHosts, ({ auth }) => hosts.listFor(viewerOf(auth)));
  route(app, endpoints.getHost, ({ auth, params }) => hosts.getFor(viewerOf(auth), params.id));
  route(app, endpoints.createHost, ({ auth, body, request }) => hosts.create(actorOf(auth, request), body));
  route(app, endpoints.updateHost, ({ auth, params, body, request }) =>
    hosts.update(actorOf(auth, request), params.id, body),
  );
  route(app, endpoints.deleteHost, ({ auth, params, request }) =>
    hosts.delete(actorOf(auth, request), params.id),
  );
  route(app, endpoints.testHost, ({ auth, params }) => tester.testFor(viewerOf(auth), params.id));
  route(app, endpoints.getMyHostCredential, ({ auth, params }) => hostLogins.mine(viewerOf(auth), params.id));
  route(app, endpoints.saveMyHostCredential, ({ auth, params, body, request }) =>
    hostLogins.save(actorOf(auth, request), viewerOf(auth), params.id, body),
  );
  route(app, endpoints.clearMyHostCredential, ({ auth, params, request }) =>
    hostLogins.clear(actorOf(auth, request), viewerOf(auth), params.id),
  );
  route(app, endpoints.importPreview, ({ body }) => Promise.resolve(importer.preview(body.text)));
  route(app, endpoints.importHosts, ({ auth, body, request }) =>
    importer.import(actorOf(auth, request), body.hosts),
  );

  route(app, endpoints.listKnownHostKeys, async ({ auth }) => {
    const keys = await hostKeys.list();
    if (auth.user.role === 'admin') return keys;
    const reachable = await hosts.endpointsFor(viewerOf(auth));
    return keys.filter((k) => reachable.has(`${k.address}:${k.port}`));
  });
  route(app, endpoints.trustHostKey, ({ auth, body, request }) =>
    hostKeys.trust({ ...actorOf(auth, request), isAdmin: auth.user.role === 'admin' }, body.challengeId),
  );
  route(app, endpoints.deleteKnownHostKey, ({ auth, params, request }) =>
    hostKeys.forget(actorOf(auth, request), params.id),
  );
}
