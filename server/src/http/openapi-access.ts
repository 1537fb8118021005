import type { RouteOptions } from 'fastify';
import { z } from 'zod';
import { acceptsApiKeys, type EndpointDef } from '@archnest/contract';

/** The security schemes of `/api/openapi.json`; each operation names the ones it takes. */
export const securitySchemes = {
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: 'archnest_session',
    description: 'The browser session cookie set by sign-in (HttpOnly, SameSite=Strict).',
  },
  apiKey: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'ank_…',
    description:
      'A personal API key (Settings › API keys) as `Authorization: Bearer ank_…`. Only on operations ' +
      'whose `x-archnest-access.apiKeys` is true; a `read` key only on GET and HEAD.',
  },
  agentToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'The instance agent token (ARCHNEST_AGENT_TOKEN) or a per-host agent token (`ana_…`).',
  },
} as const;

type RouteSchema = Record<string, unknown>;

/**
 * Writes each route's access into its OpenAPI operation, from the same route config the guard
 * enforces: `security` (empty for public routes) and the `x-archnest-access` extension.
 */
export function annotateAccess(route: RouteOptions): void {
  const config = route.config;
  if (!config?.access) return; // the guard refuses such a route at start-up
  const security: Record<string, string[]>[] =
    config.access === 'public'
      ? []
      : config.access === 'agent'
        ? [{ agentToken: [] }]
        : [{ session: [] }, ...(config.apiKeys ? [{ apiKey: [] }] : [])];
  const { hide, ...rest } = (route.schema ?? {}) as RouteSchema;
  // @fastify/websocket hides every socket route; ours say what they are (`x-websocket`) instead.
  const shown = route.websocket && rest['x-websocket'] === true;
  const schema: RouteSchema = {
    ...rest,
    ...(hide && !shown ? { hide } : {}),
    security,
    'x-archnest-access': {
      access: config.access,
      ...(config.feature ? { feature: config.feature } : {}),
      apiKeys: config.apiKeys === true,
    },
  };
  route.schema = schema;
}

/** What a WebSocket endpoint's OpenAPI entry tells about its protocol. */
export interface WebSocketProtocol {
  /** The document that describes the protocol, relative to the repository root. */
  doc: string;
  /** Messages the server sends, as JSON text frames. */
  server: z.ZodType;
  /** Messages a client may send, if any. */
  client?: z.ZodType;
  /** Application close codes and what they mean. */
  closeCodes: Record<string, number>;
}

const jsonSchema = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any', target: 'draft-2020-12' });

/**
 * Route options for a WebSocket endpoint of the contract: the guard's config (the upgrade must carry
 * our Origin; API keys only where the contract opts in) and an OpenAPI entry marked `x-websocket`
 * with its message schemas, close codes and the document that describes the protocol.
 */
export function websocketRoute(endpoint: EndpointDef, protocol: WebSocketProtocol) {
  return {
    websocket: true as const,
    config: {
      access: endpoint.access,
      ...(endpoint.feature ? { feature: endpoint.feature } : {}),
      requireOrigin: true,
      apiKeys: acceptsApiKeys(endpoint),
    },
    schema: {
      summary: endpoint.summary,
      tags: [endpoint.tag],
      description: `WebSocket (GET with Upgrade, same-origin Origin header required). Protocol: ${protocol.doc}.`,
      externalDocs: { description: 'Protocol', url: protocol.doc },
      'x-websocket': true,
      'x-websocket-messages': {
        server: jsonSchema(protocol.server),
        ...(protocol.client ? { client: jsonSchema(protocol.client) } : {}),
      },
      'x-websocket-close-codes': protocol.closeCodes,
    },
  };
}
