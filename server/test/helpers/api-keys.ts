import type { FastifyInstance } from 'fastify';
import type { ApiKeyScope, CreatedApiKey } from '@archnest/contract';

/** Creates an API key from a signed-in session; throws unless the server answers 201. */
export async function createApiKey(
  app: FastifyInstance,
  cookie: string,
  scope: ApiKeyScope,
  name = `${scope} key`,
  expiresInDays?: number,
): Promise<CreatedApiKey> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/api-keys',
    headers: { cookie },
    payload: { name, scope, ...(expiresInDays ? { expiresInDays } : {}) },
  });
  if (response.statusCode !== 201)
    throw new Error(`create API key failed: ${response.statusCode} ${response.body}`);
  return response.json<CreatedApiKey>();
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
