import { z } from 'zod';
import { ApiKey, ApiKeyIdParams, CreateApiKeyBody, CreatedApiKey } from './api-keys';
import type { EndpointDef } from './endpoint';

/** Personal API keys. Managed only from a signed-in browser session: a key cannot mint or revoke keys. */
export const apiKeyEndpoints = {
  listApiKeys: {
    method: 'GET',
    path: '/api/auth/api-keys',
    access: 'user',
    apiKeys: false,
    tag: 'api-keys',
    summary: 'Own API keys, revoked ones included (never the keys themselves)',
    status: 200,
    response: z.array(ApiKey),
  },
  createApiKey: {
    method: 'POST',
    path: '/api/auth/api-keys',
    access: 'user',
    apiKeys: false,
    tag: 'api-keys',
    summary: 'Create an API key; the answer is the only time the key is shown',
    body: CreateApiKeyBody,
    status: 201,
    response: CreatedApiKey,
  },
  revokeApiKey: {
    method: 'DELETE',
    path: '/api/auth/api-keys/:id',
    access: 'user',
    apiKeys: false,
    tag: 'api-keys',
    summary: 'Revoke one of own API keys',
    params: ApiKeyIdParams,
    status: 204,
    response: null,
  },
  adminListApiKeys: {
    method: 'GET',
    path: '/api/admin/api-keys',
    access: 'admin',
    apiKeys: false,
    tag: 'api-keys',
    summary: 'Every user’s API keys',
    status: 200,
    response: z.array(ApiKey),
  },
  adminRevokeApiKey: {
    method: 'DELETE',
    path: '/api/admin/api-keys/:id',
    access: 'admin',
    apiKeys: false,
    tag: 'api-keys',
    summary: 'Revoke any user’s API key',
    params: ApiKeyIdParams,
    status: 204,
    response: null,
  },
} as const satisfies Record<string, EndpointDef>;
