import type { z } from 'zod';
import type { FeatureName } from './features';

/**
 * Who may call an endpoint. `feature` additionally requires the edition to include that feature.
 * `agent`: no session; the caller presents an agent token as `Authorization: Bearer`.
 */
export type Access = 'public' | 'user' | 'admin' | 'agent';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface EndpointDef {
  readonly method: HttpMethod;
  readonly path: string;
  readonly access: Access;
  readonly feature?: FeatureName;
  readonly summary: string;
  readonly tag: string;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodObject;
  readonly body?: z.ZodType;
  /** Success status; 204 endpoints have `response: null`. */
  readonly status: 200 | 201 | 202 | 204;
  readonly response: z.ZodType | null;
  /** A WebSocket endpoint: GET upgrade, same access rules, plus an Origin check. */
  readonly websocket?: boolean;
  /**
   * Whether a personal API key (`Authorization: Bearer ank_…`) may call this `user`/`admin` route.
   * Default: HTTP routes yes, WebSocket routes no. `false` keeps a route to browser sessions.
   */
  readonly apiKeys?: boolean;
}

/** The one reading of `apiKeys` with its defaults; public and agent routes never take a user's key. */
export function acceptsApiKeys(endpoint: Pick<EndpointDef, 'access' | 'apiKeys' | 'websocket'>): boolean {
  if (endpoint.access !== 'user' && endpoint.access !== 'admin') return false;
  return endpoint.apiKeys ?? !endpoint.websocket;
}

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;
export type EndpointResponse<E extends EndpointDef> = E['response'] extends z.ZodType
  ? z.output<E['response']>
  : void;
export type EndpointBody<E extends EndpointDef> = Infer<E['body']>;
export type EndpointInput<E extends EndpointDef> = (E['params'] extends z.ZodType
  ? { params: z.input<E['params']> }
  : { params?: undefined }) &
  (E['query'] extends z.ZodType ? { query?: z.input<E['query']> } : { query?: undefined }) &
  (E['body'] extends z.ZodType ? { body: z.input<E['body']> } : { body?: undefined });

export function fillPath(path: string, params: Record<string, string> | undefined): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
