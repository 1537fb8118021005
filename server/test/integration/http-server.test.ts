import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { endpoints, WS_CLOSE_SESSION_ENDED, type ServerEvent, type SessionInfo } from '@archnest/contract';
import { ADMIN } from '../helpers/accounts';
import { createTestApp, type TestApp } from '../helpers/test-app';

interface Opened {
  socket: WebSocket;
  messages: ServerEvent[];
  closed: Promise<{ code: number }>;
}

/** Tries a WebSocket upgrade; resolves with the open socket, or the HTTP status of the refusal. */
function connect(url: string, headers: Record<string, string>): Promise<Opened | { refused: number }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    const messages: ServerEvent[] = [];
    socket.on('message', (data) =>
      messages.push(JSON.parse((data as Buffer).toString('utf8')) as ServerEvent),
    );
    const closed = new Promise<{ code: number }>((r) => socket.on('close', (code) => r({ code })));
    socket.on('open', () => resolve({ socket, messages, closed }));
    socket.on('unexpected-response', (_req, res) => resolve({ refused: res.statusCode ?? 0 }));
    socket.on('error', reject);
  });
}

async function until(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe('a real listening server', () => {
  let t: TestApp;
  let base: string;
  let origin: string;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    base = `http://127.0.0.1:${address.port}`;
    origin = base;
  });
  afterAll(async () => {
    await t.close();
  });

  async function signIn(): Promise<string> {
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify(ADMIN),
    });
    expect(res.status).toBe(200);
    return res.headers.get('set-cookie')!.split(';')[0]!;
  }

  it('sets a strict HttpOnly session cookie and security headers over real HTTP', async () => {
    const res = await fetch(`${base}/api/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify(ADMIN),
    });
    expect(res.status).toBe(201);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/^archnest_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).not.toContain('Secure'); // plain http on loopback
    const health = await fetch(`${base}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(health.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
    expect(health.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('refuses a write from a foreign Origin and a token in the URL', async () => {
    const cookie = await signIn();
    const foreign = await fetch(`${base}/api/auth/logout`, {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ error: 'origin_forbidden' });
    const token = cookie.split('=')[1]!;
    const inUrl = await fetch(`${base}/api/auth/me?archnest_session=${token}`);
    expect(inUrl.status).toBe(401);
  });

  it('limits request bodies and answers bad JSON in the error shape', async () => {
    const cookie = await signIn();
    const huge = await fetch(`${base}/api/preferences`, {
      method: 'PATCH',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ appearance: { accent: 'x'.repeat(300 * 1024) } }),
    });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: 'payload_too_large' });
    const bad = await fetch(`${base}/api/preferences`, {
      method: 'PATCH',
      headers: { cookie, 'content-type': 'application/json' },
      body: '{',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('checks the session cookie and the Origin on the WebSocket upgrade', async () => {
    const cookie = await signIn();
    const url = `${base.replace('http', 'ws')}/api/events`;
    expect(await connect(url, { origin })).toEqual({ refused: 401 });
    expect(await connect(url, { cookie })).toEqual({ refused: 403 });
    expect(await connect(url, { cookie, origin: 'http://127.0.0.1:1' })).toEqual({ refused: 403 });
    expect(await connect(url, { cookie: 'archnest_session=forged', origin })).toEqual({ refused: 401 });

    const opened = await connect(url, { cookie, origin });
    if (!('socket' in opened)) throw new Error(`refused ${opened.refused}`);
    await until(() => opened.messages.length > 0, 'hello');
    expect(opened.messages[0]).toMatchObject({ type: 'hello' });
    opened.socket.close();
  });

  it('pushes preference changes and closes the socket the moment its session is revoked', async () => {
    const cookie = await signIn();
    const other = await signIn();
    const opened = await connect(`${base.replace('http', 'ws')}/api/events`, { cookie, origin });
    if (!('socket' in opened)) throw new Error(`refused ${opened.refused}`);
    await until(() => opened.messages.length === 1, 'hello');

    await fetch(`${base}/api/preferences`, {
      method: 'PATCH',
      headers: { cookie: other, 'content-type': 'application/json', origin },
      body: JSON.stringify({ appearance: { theme: 'dark' } }),
    });
    await until(() => opened.messages.some((m) => m.type === 'preferences_changed'), 'preferences_changed');

    // End the socket's own session from the other session.
    const mine = await fetch(`${base}/api/auth/sessions`, { headers: { cookie } });
    const mineCurrent = ((await mine.json()) as SessionInfo[]).find((s) => s.current)!;
    const ended = await fetch(`${base}/api/auth/sessions/${mineCurrent.id}`, {
      method: 'DELETE',
      headers: { cookie: other, origin },
    });
    expect(ended.status).toBe(204);
    const { code } = await opened.closed;
    expect(code).toBe(WS_CLOSE_SESSION_ENDED);
    expect(opened.messages.at(-1)).toEqual({ type: 'session_ended', reason: 'revoked' });
  });

  it('publishes an OpenAPI 3.1 document covering every HTTP endpoint', async () => {
    const doc = (await (await fetch(`${base}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(doc.openapi).toBe('3.1.0');
    for (const e of Object.values(endpoints)) {
      if ('websocket' in e) continue;
      const openapiPath = e.path.replace(/:([A-Za-z]+)/g, '{$1}');
      expect(doc.paths[openapiPath]?.[e.method.toLowerCase()], `${e.method} ${e.path}`).toBeDefined();
    }
    expect(JSON.stringify(doc.paths['/api/users']?.post)).toContain('username');
  });
});
