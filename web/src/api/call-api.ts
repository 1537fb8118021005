import {
  ApiErrorBody,
  fillPath,
  type EndpointDef,
  type EndpointInput,
  type EndpointResponse,
} from '@archnest/contract';
import { endClientSession } from '../lib/client-session';
import { ApiError, parseRetryAfter } from './api-error';

/** Endpoints without params, query or body may be called without an input object. */
type InputArgs<E extends EndpointDef> =
  Record<string, never> extends EndpointInput<E>
    ? [input?: EndpointInput<E>, init?: CallInit]
    : [input: EndpointInput<E>, init?: CallInit];

interface CallInit {
  signal?: AbortSignal;
}

interface LooseInput {
  params?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
}

function buildUrl(endpoint: EndpointDef, input: LooseInput | undefined): string {
  const path = fillPath(endpoint.path, input?.params);
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(input?.query ?? {})) {
    if (value !== undefined) search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

async function readError(response: Response): Promise<ApiError> {
  const retryAfterSeconds = parseRetryAfter(response.headers.get('Retry-After'));
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    json = undefined;
  }
  const parsed = ApiErrorBody.safeParse(json);
  if (parsed.success) {
    return new ApiError({
      ...parsed.data,
      code: parsed.data.error,
      status: response.status,
      retryAfterSeconds,
    });
  }
  return new ApiError({
    code: 'http_error',
    status: response.status,
    message: `The server answered ${response.status} ${response.statusText}`.trim(),
    retryAfterSeconds,
  });
}

/**
 * Calls one endpoint of the contract and validates the answer against its response schema, so a
 * server that drifts from the contract fails loudly here instead of deep inside a component.
 */
export async function callApi<E extends EndpointDef>(
  endpoint: E,
  ...[input, init]: InputArgs<E>
): Promise<EndpointResponse<E>> {
  const loose = input as LooseInput | undefined;
  const hasBody = loose?.body !== undefined;
  let response: Response;
  try {
    response = await fetch(buildUrl(endpoint, loose), {
      method: endpoint.method,
      credentials: 'same-origin',
      headers: hasBody
        ? { 'Content-Type': 'application/json', Accept: 'application/json' }
        : { Accept: 'application/json' },
      body: hasBody ? JSON.stringify(loose.body) : undefined,
      signal: init?.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError({ code: 'network', status: 0, message: 'Cannot reach the ArchNest server.' });
  }

  if (!response.ok) {
    const error = await readError(response);
    // A public endpoint's 401 is an answer (wrong password); elsewhere it means the session is gone.
    if (response.status === 401 && endpoint.access !== 'public') endClientSession('expired');
    throw error;
  }

  if (endpoint.response === null || response.status === 204) return undefined as EndpointResponse<E>;
  const json: unknown = await response.json();
  const parsed = endpoint.response.safeParse(json);
  if (!parsed.success) {
    console.error(
      `Response of ${endpoint.method} ${endpoint.path} does not match the contract`,
      parsed.error,
    );
    throw new ApiError({
      code: 'invalid_response',
      status: response.status,
      message: 'The server sent an answer this app does not understand.',
    });
  }
  return parsed.data as EndpointResponse<E>;
}
