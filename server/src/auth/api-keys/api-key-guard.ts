import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../http/app-error';
import type { ApiKeysService } from './api-keys.service';

/** A read-only key may make these requests and no others. */
const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * Authenticates a `user`/`admin` request that presents a key (`Authorization: Bearer ank_…`) as an
 * API-key call; there is no fallback to the cookie. Sets `request.auth` as soon as the key checks
 * out, so a call refused afterwards (route keeps keys out, read-only key writing) is still audited
 * with its key.
 */
export async function authenticateApiKeyRequest(
  request: FastifyRequest,
  keys: ApiKeysService,
  routeAcceptsKeys: boolean,
): Promise<void> {
  request.auth = await keys.authenticate(request.headers.authorization, {
    ip: request.ip,
    userAgent: String(request.headers['user-agent'] ?? ''),
  });
  if (!routeAcceptsKeys) {
    throw new AppError(
      403,
      'api_key_not_allowed',
      'This route needs a signed-in browser session; API keys cannot call it.',
    );
  }
  if (request.auth.apiKey?.scope === 'read' && !READ_METHODS.has(request.method)) {
    throw new AppError(
      403,
      'key_read_only',
      'This API key is read-only: it may only make GET and HEAD requests.',
    );
  }
}

/** Every mutating call made with a key leaves an audit row, written before the answer goes out. */
export function registerApiKeyAudit(app: FastifyInstance, keys: ApiKeysService): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const auth = request.auth;
    if (!auth?.apiKey || READ_METHODS.has(request.method)) return payload;
    await keys.recordCall(
      auth,
      {
        method: request.method,
        route: request.routeOptions.url ?? '',
        url: request.url.split('?')[0] ?? '',
        status: reply.statusCode,
      },
      { id: auth.user.id, name: auth.user.username, ip: request.ip },
    );
    return payload;
  });
}
