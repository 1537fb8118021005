import { checkContainerRef } from '../../../server/src/docker/container-ref';

/*
 * The whole API the agent answers, as a fixed table: a path shape, its methods, the query keys that
 * pass (each with a value check), and what the call needs (management, exec). Anything not in the
 * table is 404; a known path with another method is 405; an unknown query key is 400. No path or
 * query text reaches Docker except what is rebuilt from checked parts.
 */

export type Need = 'read' | 'manage' | 'exec';

type QueryCheck = RegExp;
const BOOL = /^(0|1|true|false)$/;
const INT = /^\d{1,9}$/;
const SIGNAL = /^(SIG)?[A-Z0-9]{2,10}$|^\d{1,2}$/;
const FILTERS = /^[\x20-\x7e]{0,2048}$/;
const TIME = /^\d{1,12}(\.\d{1,9})?$/;

export interface RouteSpec {
  /** Method to what it needs. */
  methods: Partial<Record<string, Need>>;
  query: Record<string, QueryCheck>;
  /** `stream`: passed through as it comes (logs, stats); every other answer is sent whole. */
  kind: 'plain' | 'stream' | 'inspect' | 'exec-create' | 'exec-start' | 'exec-id';
}

export interface Matched {
  spec: RouteSpec;
  need: Need;
  /** The path as it is sent to Docker, rebuilt from checked parts. */
  dockerPath: string;
  ref?: string;
  execId?: string;
}

export class ApiRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const LIFECYCLE = ['start', 'stop', 'restart', 'kill', 'pause', 'unpause'] as const;
const EXEC_ID = /^[a-f0-9]{64}$/;

const spec = (
  methods: RouteSpec['methods'],
  query: Record<string, QueryCheck> = {},
  kind: RouteSpec['kind'] = 'plain',
): RouteSpec => ({ methods, query, kind });

const STATIC: Record<string, RouteSpec> = {
  '/_ping': spec({ GET: 'read', HEAD: 'read' }),
  '/version': spec({ GET: 'read' }),
  '/containers/json': spec({ GET: 'read' }, { all: BOOL, limit: INT, size: BOOL, filters: FILTERS }),
  '/images/json': spec({ GET: 'read' }, { all: BOOL, filters: FILTERS }),
  '/volumes': spec({ GET: 'read' }, { filters: FILTERS }),
  '/networks': spec({ GET: 'read' }, { filters: FILTERS }),
};

const CONTAINER: Record<string, RouteSpec> = {
  '': spec({ DELETE: 'manage' }, { force: BOOL }),
  json: spec({ GET: 'read' }, { size: BOOL }, 'inspect'),
  logs: spec(
    { GET: 'read' },
    {
      stdout: BOOL,
      stderr: BOOL,
      timestamps: BOOL,
      tail: /^(\d{1,6}|all)$/,
      follow: BOOL,
      since: TIME,
      until: TIME,
    },
    'stream',
  ),
  stats: spec({ GET: 'read' }, { stream: BOOL, 'one-shot': BOOL }, 'stream'),
  exec: spec({ POST: 'exec' }, {}, 'exec-create'),
  ...Object.fromEntries(
    LIFECYCLE.map((verb) => [verb, spec({ POST: 'manage' }, { t: INT, signal: SIGNAL })]),
  ),
};

const EXEC: Record<string, RouteSpec> = {
  start: spec({ POST: 'exec' }, {}, 'exec-start'),
  resize: spec({ POST: 'exec' }, { h: INT, w: INT }, 'exec-id'),
  json: spec({ GET: 'exec' }, {}, 'exec-id'),
};

function decode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new ApiRefusal(400, 'invalid_request', 'The path is not valid percent-encoding.');
  }
}

function find(path: string): { spec: RouteSpec; dockerPath: string; ref?: string; execId?: string } | null {
  const fixed = STATIC[path];
  if (fixed) return { spec: fixed, dockerPath: path };
  const parts = path.split('/').slice(1);
  if (parts[0] === 'containers' && parts.length >= 2 && parts.length <= 3) {
    const action = parts[2] ?? '';
    const found = CONTAINER[action];
    if (!found) return null;
    let ref: string;
    try {
      ref = checkContainerRef(decode(parts[1] ?? ''));
    } catch (error) {
      if (error instanceof ApiRefusal) throw error;
      throw new ApiRefusal(400, 'invalid_reference', (error as Error).message);
    }
    return { spec: found, dockerPath: `/containers/${ref}${action ? `/${action}` : ''}`, ref };
  }
  if (parts[0] === 'exec' && parts.length === 3) {
    const found = EXEC[parts[2] ?? ''];
    if (!found) return null;
    const execId = decode(parts[1] ?? '');
    if (!EXEC_ID.test(execId)) throw new ApiRefusal(400, 'invalid_reference', 'An exec id is 64 hex digits.');
    return { spec: found, dockerPath: `/exec/${execId}/${parts[2]}`, execId };
  }
  return null;
}

/** Matches a request against the table, or throws the refusal to answer with. */
export function matchRoute(method: string, rawUrl: string): Matched & { query: string } {
  const url = new URL(rawUrl, 'http://agent');
  // Docker clients may pin an API version in the path; it is kept off, so the daemon's own applies.
  const path = url.pathname.replace(/^\/v1\.\d{1,3}(?=\/)/, '');
  const found = find(path);
  if (!found) throw new ApiRefusal(404, 'not_found', `${path} is not part of the pull agent's API.`);
  const need = found.spec.methods[method];
  if (!need)
    throw new ApiRefusal(405, 'method_not_allowed', `${method} ${path} is not part of the pull agent's API.`);
  const query = new URLSearchParams();
  for (const [key, value] of url.searchParams) {
    const check = found.spec.query[key];
    if (!check)
      throw new ApiRefusal(400, 'invalid_request', `The query parameter "${key}" is not accepted here.`);
    if (!check.test(value))
      throw new ApiRefusal(400, 'invalid_request', `The value of "${key}" is not accepted.`);
    query.append(key, value);
  }
  const text = query.toString();
  return { ...found, need, query: text ? `?${text}` : '' };
}
