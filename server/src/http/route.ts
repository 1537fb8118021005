import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { acceptsApiKeys, type EndpointDef, type EndpointResponse } from '@archnest/contract';
import type { AuthContext } from '../auth/auth-context';
import { PreSerialized } from './pre-serialized';

type Out<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface RouteContext<E extends EndpointDef> {
  params: Out<E['params']>;
  query: Out<E['query']>;
  body: Out<E['body']>;
  /** Non-null on user and admin routes: the guard has already refused anonymous calls. */
  auth: E['access'] extends 'public' | 'agent' ? AuthContext | null : AuthContext;
  request: FastifyRequest;
  reply: FastifyReply;
}

export type RouteHandler<E extends EndpointDef> = (
  ctx: RouteContext<E>,
) => Promise<EndpointResponse<E> | PreSerialized<EndpointResponse<E>>>;

/** Registers one contract endpoint: schemas for validation and OpenAPI, access for the guard. */
export function route<E extends EndpointDef>(
  app: FastifyInstance,
  endpoint: E,
  handler: RouteHandler<E>,
): void {
  const response: Record<number, z.ZodType> = {};
  if (endpoint.response) response[endpoint.status] = endpoint.response;
  app.withTypeProvider<ZodTypeProvider>().route({
    method: endpoint.method,
    url: endpoint.path,
    config: {
      access: endpoint.access,
      ...(endpoint.feature ? { feature: endpoint.feature } : {}),
      apiKeys: acceptsApiKeys(endpoint),
    },
    schema: {
      summary: endpoint.summary,
      tags: [endpoint.tag],
      ...(endpoint.params ? { params: endpoint.params } : {}),
      ...(endpoint.query ? { querystring: endpoint.query } : {}),
      ...(endpoint.body ? { body: endpoint.body } : {}),
      response,
    },
    handler: async (request, reply) => {
      const result = await handler({
        params: request.params,
        query: request.query,
        body: request.body,
        auth: request.auth,
        request,
        reply,
      } as RouteContext<E>);
      if (endpoint.status === 204) return reply.code(204).send();
      // A 200 with no JSON schema is a download: the handler has sent the body itself.
      if (endpoint.response === null) return reply;
      if (result instanceof PreSerialized) {
        void reply
          .code(endpoint.status)
          .type('application/json; charset=utf-8')
          .header('vary', 'accept-encoding');
        if (result.gzip && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
          return reply.header('content-encoding', 'gzip').send(result.gzip);
        }
        return reply.send(result.json);
      }
      return reply.code(endpoint.status).send(result);
    },
  });
}
