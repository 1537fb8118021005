import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { acceptsApiKeys, ContainerParams, endpoints, LogDownloadQuery } from '@archnest/contract';
import { route } from '../../http/route';
import { actorOf } from '../audit/actor';
import { viewerOf } from '../hosts/host-access';
import type { AllContainersService } from './all-containers.service';
import type { ContainersService } from './containers.service';
import type { DockerHostsService } from './docker-hosts.service';

/** A file name that is safe in any header and on any file system: letters, digits, dot, dash, underscore. */
export function logFileName(host: string, container: string, at: Date): string {
  const clean = (text: string) =>
    text
      .replace(/[^A-Za-z0-9._-]+/g, '_')
      .replace(/^[._]+/, '')
      .slice(0, 64);
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${clean(host) || 'host'}-${clean(container) || 'container'}-${stamp}.log`;
}

/** The all-hosts table, bulk actions and the log file download. */
export function containerTableRoutes(
  app: FastifyInstance,
  dockerHosts: DockerHostsService,
  containers: ContainersService,
  all: AllContainersService,
): void {
  route(app, endpoints.listAllContainers, ({ auth, query }) =>
    all.list(viewerOf(auth), {
      all: query.all === 'true',
      ...(query.host ? { host: query.host } : {}),
      ...(query.state ? { state: query.state } : {}),
      ...(query.name ? { name: query.name } : {}),
    }),
  );
  route(app, endpoints.bulkContainerAction, ({ auth, body, request }) =>
    containers.bulk(actorOf(auth, request), body),
  );

  const download = endpoints.downloadContainerLogs;
  app.withTypeProvider<ZodTypeProvider>().route({
    method: download.method,
    url: download.path,
    config: { access: download.access, apiKeys: acceptsApiKeys(download) },
    schema: {
      summary: download.summary,
      tags: [download.tag],
      params: ContainerParams,
      querystring: LogDownloadQuery,
      produces: ['text/plain'],
    },
    handler: async (request, reply) => {
      const auth = request.auth;
      if (!auth) throw new Error('guarded route without a session');
      const { id, ref } = request.params;
      const row = await dockerHosts.requireFor(viewerOf(auth), id);
      const chunks = await containers.logs(id, ref, {
        tail: request.query.tail,
        timestamps: request.query.timestamps === 'true',
      });
      const name = logFileName(row.name, ref, new Date());
      // Chunk by chunk, so a long log is not copied into one string first.
      const body = Readable.from(
        (function* () {
          for (const chunk of chunks) yield Buffer.from(chunk.text, 'utf8');
        })(),
      );
      return reply
        .code(200)
        .type('text/plain; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(body);
    },
  });
}
