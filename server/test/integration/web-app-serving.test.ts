import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompress } from '../../../scripts/precompress.mjs';
import { createTestApp, type TestApp } from '../helpers/test-app';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A plain HTTP request that neither adds Accept-Encoding nor decodes the answer. */
function raw(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

const BROWSER = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  'accept-encoding': 'gzip, deflate, br, zstd',
};
const CURL = { accept: '*/*' };

const APP_JS = `export const greeting = ${JSON.stringify('hello '.repeat(800))};\n`;
const INDEX_HTML = `<!doctype html><html><head><title>ArchNest</title><script type="module" src="/assets/app-4f3a2b1c.js"></script></head><body><div id="root"></div>${'<!-- padding -->'.repeat(80)}</body></html>`;

/** The web app as a real build leaves it: hashed assets, a source map, and the build's precompression. */
function builtWebDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-web-serving-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), INDEX_HTML);
  fs.writeFileSync(path.join(dir, 'assets/app-4f3a2b1c.js'), APP_JS);
  fs.writeFileSync(path.join(dir, 'assets/app-4f3a2b1c.js.map'), '{"version":3,"sources":["secret.ts"]}');
  fs.writeFileSync(path.join(dir, 'assets/tiny-9a8b7c6d.js'), 'export {};\n');
  fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  precompress(dir);
  return dir;
}

describe('serving the web app over a real listening server', () => {
  let t: TestApp;
  let base: string;
  let webDir: string;

  beforeAll(async () => {
    webDir = builtWebDir();
    t = await createTestApp({ env: { ARCHNEST_WEB_DIR: webDir } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    base = `http://127.0.0.1:${address.port}`;
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(webDir, { recursive: true, force: true });
  });

  it('precompresses at build time only text files of 1 KiB and more', () => {
    expect(fs.existsSync(path.join(webDir, 'assets/app-4f3a2b1c.js.br'))).toBe(true);
    expect(fs.existsSync(path.join(webDir, 'assets/app-4f3a2b1c.js.gz'))).toBe(true);
    expect(fs.existsSync(path.join(webDir, 'index.html.br'))).toBe(true);
    expect(fs.existsSync(path.join(webDir, 'assets/tiny-9a8b7c6d.js.br'))).toBe(false);
    expect(fs.existsSync(path.join(webDir, 'favicon.svg.gz'))).toBe(false);
  });

  it('sends the brotli, gzip or plain file by Accept-Encoding, with Vary and long caching', async () => {
    const url = `${base}/assets/app-4f3a2b1c.js`;
    const br = await raw(url, { 'accept-encoding': 'gzip, deflate, br' });
    const gzip = await raw(url, { 'accept-encoding': 'gzip' });
    const refusedBr = await raw(url, { 'accept-encoding': 'br;q=0, gzip;q=0.5' });
    const plain = await raw(url);
    const identityOnly = await raw(url, { 'accept-encoding': 'identity' });

    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(APP_JS);
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(APP_JS);
    expect(refusedBr.headers['content-encoding']).toBe('gzip');
    for (const identity of [plain, identityOnly]) {
      expect(identity.headers['content-encoding']).toBeUndefined();
      expect(identity.body.toString()).toBe(APP_JS);
    }
    expect(br.body.length).toBeLessThan(APP_JS.length / 10);
    for (const answer of [br, gzip, plain]) {
      expect(answer.status).toBe(200);
      expect(answer.headers.vary).toBe('Accept-Encoding');
      expect(answer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
      expect(answer.headers['last-modified']).toMatch(/GMT$/);
    }
    // One ETag per representation, so a cache never answers a gzip request with brotli bytes.
    expect(new Set([br.headers.etag, gzip.headers.etag, plain.headers.etag]).size).toBe(3);
  });

  it('answers 304 to a matching If-None-Match or If-Modified-Since', async () => {
    const url = `${base}/assets/app-4f3a2b1c.js`;
    const first = await raw(url, { 'accept-encoding': 'br' });
    const again = await raw(url, { 'accept-encoding': 'br', 'if-none-match': first.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    const otherEncoding = await raw(url, { 'accept-encoding': 'gzip', 'if-none-match': first.headers.etag! });
    expect(otherEncoding.status).toBe(200);
    const since = await raw(url, { 'if-modified-since': first.headers['last-modified']! });
    expect(since.status).toBe(304);
    const older = await raw(url, { 'if-modified-since': 'Thu, 01 Jan 2015 00:00:00 GMT' });
    expect(older.status).toBe(200);
  });

  it('serves index.html for / and for navigations, revalidated every time', async () => {
    for (const url of ['/', '/index.html', '/settings', '/settings?tab=security', '/terminal/', '/a/b/c']) {
      const page = await raw(`${base}${url}`, BROWSER);
      expect(page.status, url).toBe(200);
      expect(page.headers['content-type'], url).toBe('text/html; charset=utf-8');
      expect(page.headers['cache-control'], url).toBe('no-cache');
      expect(page.headers['content-encoding'], url).toBe('br');
      expect(brotliDecompressSync(page.body).toString(), url).toBe(INDEX_HTML);
    }
    const favicon = await raw(`${base}/favicon.svg`);
    expect(favicon.headers['cache-control']).toBe('no-cache');
    expect(favicon.headers['content-type']).toBe('image/svg+xml');
  });

  it('answers every other miss with a JSON 404, never the app', async () => {
    const misses: [string, Record<string, string>, string?][] = [
      ['/agent/typo.sh', CURL],
      ['/agent/typo.sh', BROWSER],
      ['/agent/typo', BROWSER], // no extension, but nothing but files lives under /agent/
      ['/assets/missing-1234abcd.js', BROWSER],
      ['/assets/missing', BROWSER],
      ['/api/nope', BROWSER],
      ['/api/nope', CURL],
      ['/api', BROWSER],
      ['/settings', CURL], // not a browser navigation
      ['/settings', { accept: 'application/json' }],
      ['/robots.txt', BROWSER], // has an extension
      ['/agent/typo.sh', CURL, 'HEAD'],
      ['/whatever', BROWSER, 'POST'],
    ];
    for (const [url, headers, method] of misses) {
      const miss = await raw(`${base}${url}`, headers, method);
      const what = `${method ?? 'GET'} ${url} (${headers.accept})`;
      expect(miss.status, what).toBe(404);
      expect(miss.headers['content-type'], what).toContain('application/json');
      if (method === 'HEAD') continue;
      expect(JSON.parse(miss.body.toString()), what).toMatchObject({
        error: 'not_found',
        message: expect.stringContaining('No route for') as unknown,
      });
    }
  });

  it('makes `curl -fsSL …/agent/typo.sh | bash` fail instead of running HTML', async () => {
    const run = promisify(execFile);
    const failure = await run('curl', ['-fsSL', `${base}/agent/typo.sh`]).catch(
      (error: { code: number; stdout: string }) => error,
    );
    expect(failure).toMatchObject({ code: 22, stdout: '' });
    const script = await run('curl', ['-fsSL', `${base}/agent/install.sh`]);
    expect(script.stdout).toMatch(/^#!/);
  });

  it('never serves source maps or the stored compressed copies by name', async () => {
    for (const url of [
      '/assets/app-4f3a2b1c.js.map',
      '/assets/app-4f3a2b1c.js.br',
      '/assets/app-4f3a2b1c.js.gz',
      '/index.html.gz',
    ]) {
      const miss = await raw(`${base}${url}`, BROWSER);
      expect(miss.status, url).toBe(404);
      expect(miss.body.toString(), url).not.toContain('secret.ts');
    }
    const script = await raw(`${base}/assets/app-4f3a2b1c.js`);
    expect(script.headers.sourcemap).toBeUndefined();
    expect(script.body.toString()).not.toContain('sourceMappingURL');
  });

  it('compresses large API answers on the fly, and leaves small ones and plain clients alone', async () => {
    const doc = await raw(`${base}/api/openapi.json`, { 'accept-encoding': 'br, gzip' });
    expect(doc.status).toBe(200);
    expect(doc.headers['content-encoding']).toBe('br');
    expect(doc.headers.vary).toMatch(/accept-encoding/i);
    const decoded = JSON.parse(brotliDecompressSync(doc.body).toString()) as { openapi: string };
    expect(decoded.openapi).toBe('3.1.0');
    const gzipped = await raw(`${base}/api/openapi.json`, { 'accept-encoding': 'gzip' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzipped.body).toString())).toEqual(decoded);
    const plain = await raw(`${base}/api/openapi.json`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(plain.body.toString())).toEqual(decoded);
    const small = await raw(`${base}/healthz`, { 'accept-encoding': 'br, gzip' });
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(small.body.toString())).toEqual({ status: 'ok' });
  });

  it('does not inflate compressed request bodies on ordinary routes', async () => {
    const response = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      body: Buffer.from('{"username":"nobody","password":"nothing-here"}'),
    });
    // Read as the plain JSON it is (the header is not honoured), so the login itself answers.
    expect(response.status).toBe(401);
  });
});
