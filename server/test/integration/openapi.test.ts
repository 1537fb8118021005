import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptsApiKeys, endpoints } from '@archnest/contract';
import { createTestApp, type TestApp } from '../helpers/test-app';

interface Operation {
  security?: Record<string, string[]>[];
  'x-archnest-access'?: { access: string; feature?: string; apiKeys: boolean };
  'x-websocket'?: boolean;
  'x-websocket-messages'?: { server: { oneOf?: unknown[] }; client?: { oneOf?: unknown[] } };
  'x-websocket-close-codes'?: Record<string, number>;
  externalDocs?: { url: string };
}
interface Document {
  components: { securitySchemes: Record<string, Record<string, string>> };
  paths: Record<string, Record<string, Operation>>;
}

const openApiPath = (path: string) => path.replace(/:([A-Za-z]+)/g, '{$1}');

describe('the OpenAPI document', () => {
  let t: TestApp;
  let doc: Document;

  beforeAll(async () => {
    t = await createTestApp({ env: { ARCHNEST_EDITION: 'community' } });
    const response = await t.app.inject({ url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    doc = response.json<Document>();
  });
  afterAll(async () => {
    await t.close();
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
    );

  it('declares the session cookie, the API key and the agent token as security schemes', () => {
    expect(doc.components.securitySchemes).toMatchObject({
      session: { type: 'apiKey', in: 'cookie', name: 'archnest_session' },
      apiKey: { type: 'http', scheme: 'bearer' },
      agentToken: { type: 'http', scheme: 'bearer' },
    });
  });

  it('gives every operation its security and access, public ones `security: []`', () => {
    const all = operations();
    expect(all.length).toBeGreaterThan(60);
    for (const { name, op } of all) {
      const access = op['x-archnest-access'];
      expect(access, name).toBeDefined();
      expect(op.security, name).toBeDefined();
      if (access?.access === 'public') expect(op.security, name).toEqual([]);
      if (access?.access === 'agent') expect(op.security, name).toEqual([{ agentToken: [] }]);
      if (access?.access === 'user' || access?.access === 'admin') {
        expect(op.security, name).toEqual(
          access.apiKeys ? [{ session: [] }, { apiKey: [] }] : [{ session: [] }],
        );
      }
    }
  });

  it('describes every contract endpoint with the access, feature and key rule the contract declares', () => {
    for (const endpoint of Object.values(endpoints)) {
      const op = doc.paths[openApiPath(endpoint.path)]?.[endpoint.method.toLowerCase()];
      const name = `${endpoint.method} ${endpoint.path}`;
      expect(op, name).toBeDefined();
      expect(op?.['x-archnest-access'], name).toEqual({
        access: endpoint.access,
        ...('feature' in endpoint ? { feature: endpoint.feature } : {}),
        apiKeys: acceptsApiKeys(endpoint),
      });
    }
    expect(doc.paths['/healthz']?.get?.security).toEqual([]);
    expect(doc.paths['/api/auth/login']?.post?.security).toEqual([]);
    expect(doc.paths['/api/auth/api-keys']?.post?.security).toEqual([{ session: [] }]);
    expect(doc.paths['/api/hosts']?.get?.security).toEqual([{ session: [] }, { apiKey: [] }]);
  });

  it('marks the WebSocket endpoints with their message schemas, close codes and protocol document', () => {
    const sockets = Object.values(endpoints).filter((e) => 'websocket' in e && e.websocket);
    expect(sockets.length).toBeGreaterThanOrEqual(3);
    for (const endpoint of sockets) {
      const op = doc.paths[openApiPath(endpoint.path)]?.get;
      expect(op?.['x-websocket'], endpoint.path).toBe(true);
      expect(op?.security, endpoint.path).toEqual([{ session: [] }]);
      expect(op?.externalDocs?.url, endpoint.path).toMatch(/^docs\/[a-z-]+\.md/);
      expect(op?.['x-websocket-messages']?.server, endpoint.path).toBeDefined();
      expect(Object.keys(op?.['x-websocket-close-codes'] ?? {}).length, endpoint.path).toBeGreaterThan(0);
    }
    const terminal = doc.paths['/api/terminal']?.get;
    expect(terminal?.['x-websocket-messages']?.client?.oneOf?.length).toBeGreaterThan(3);
    expect(terminal?.['x-websocket-close-codes']).toMatchObject({ sessionEnded: 4401 });
  });
});
