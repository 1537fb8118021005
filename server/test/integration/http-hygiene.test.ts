import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN } from '../helpers/accounts';
import { httpRequest, listenOnLoopback, parseRaw, rawExchange } from '../helpers/raw-http';
import { createTestApp, type TestApp } from '../helpers/test-app';

/** A built web app's shape: index.html and an asset, so the SPA fallback route is live. */
function fakeWebDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-web-'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>ArchNest</title>');
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
  return dir;
}

const get = (target: string, extra = '') =>
  `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}Connection: close\r\n\r\n`;

describe('HTTP answers on a real listening server', () => {
  let t: TestApp;
  let port: number;
  let cookie: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { ARCHNEST_WEB_DIR: fakeWebDir() } });
    port = await listenOnLoopback(t.app);
    const setup = await httpRequest(port, { path: '/api/auth/setup', json: ADMIN });
    cookie = String(setup.headers['set-cookie']).split(';')[0]!;
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(['/%00', '/assets/%00', '/agent/x%00', '/api/auth/me%00', '/index.html?x=%00'])(
    'a NUL byte in %s answers 400 invalid_request in the documented shape',
    async (target) => {
      const res = parseRaw(await rawExchange(port, get(target)));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/json');
      expect(JSON.parse(res.body)).toEqual({
        error: 'invalid_request',
        message: 'The request URL must not contain a NUL byte (%00).',
      });
    },
  );

  it.each(['/%E0%A4%A', '/assets/%E0%A4%A', '/api/hosts/%E0%A4%A'])(
    'a broken percent-escape in %s answers 400 bad_url, not the framework shape',
    async (target) => {
      const raw = await rawExchange(port, get(target));
      const res = parseRaw(raw);
      expect(raw).not.toContain('FST_ERR');
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body)).toEqual({
        error: 'bad_url',
        message: 'The request URL is not valid: it holds a broken %-escape.',
      });
    },
  );

  it('the web app itself still loads', async () => {
    const res = parseRaw(await rawExchange(port, get('/assets/app.js')));
    expect(res.status).toBe(200);
    expect(res.body).toBe('console.log(1)');
    expect(res.headers['cache-control']).not.toBe('no-store');
  });

  it('every API answer, errors included, carries Cache-Control: no-store', async () => {
    const answers = await Promise.all([
      httpRequest(port, { path: '/api/auth/me', headers: { cookie } }), // 200
      httpRequest(port, { path: '/api/auth/me' }), // 401
      httpRequest(port, { path: '/api/users', headers: { cookie } }), // 200 list
      httpRequest(port, { path: '/api/nothing-here' }), // 404 via the web app's API guard
      httpRequest(port, { path: '/api/auth/login', json: { username: 'x' } }), // 400 validation
      httpRequest(port, { path: '/api/auth/login', json: { username: 'nobody', password: 'x-password-1' } }), // 401
      httpRequest(port, { path: '/api/openapi.json' }),
      httpRequest(port, { path: '/api/auth/status' }),
      httpRequest(port, {
        path: '/api/auth/logout',
        method: 'POST',
        headers: { cookie, origin: 'http://evil.example' },
      }), // 403 origin
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 401, 200, 404, 400, 401, 200, 200, 403]);
    for (const a of answers) expect(a.headers['cache-control']).toBe('no-store');
    const bad = parseRaw(await rawExchange(port, get('/api/%E0%A4%A')));
    expect(bad.headers['cache-control']).toBe('no-store');
    // Pages and assets keep their own caching.
    expect((await httpRequest(port, { path: '/settings' })).headers['cache-control']).not.toBe('no-store');
  });

  const upgrade = (target: string, headers: string) =>
    `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    `Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n${headers}\r\n`;

  it.each(['/api/events', '/api/terminal'])(
    'a refused upgrade to %s answers 401 or 403 with Connection: close, and the server closes the socket',
    async (target) => {
      const origin = `Origin: http://127.0.0.1:${port}\r\n`;
      const anonymous = parseRaw(await rawExchange(port, upgrade(target, origin)));
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.connection).toBe('close');
      expect(JSON.parse(anonymous.body)).toMatchObject({ error: 'unauthorized' });

      const foreign = parseRaw(
        await rawExchange(port, upgrade(target, `Origin: http://evil.example\r\nCookie: ${cookie}\r\n`)),
      );
      expect(foreign.status).toBe(403);
      expect(foreign.headers.connection).toBe('close');
      expect(JSON.parse(foreign.body)).toMatchObject({ error: 'origin_forbidden' });
    },
  );
});
