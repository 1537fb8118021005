import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { chooseEncoding } from './accept-encoding';
import { isNotModified, loadStaticFiles, type StaticFile } from './static-files';

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Prefixes that hold only files: a miss there is a 404, never the app. */
const FILE_ONLY = ['/assets/', '/agent/', '/api/'];

function decodedPath(url: string): string | null {
  try {
    return decodeURIComponent(url.split('?')[0] ?? '/');
  } catch {
    return null;
  }
}

/** A browser navigating to a client route: an extension-less last segment and HTML accepted. */
function isNavigation(request: FastifyRequest, urlPath: string): boolean {
  if (FILE_ONLY.some((prefix) => urlPath.startsWith(prefix)) || urlPath === '/api') return false;
  const last = urlPath.slice(urlPath.lastIndexOf('/') + 1);
  if (last.includes('.')) return false;
  return /\btext\/html\b/i.test(String(request.headers.accept ?? ''));
}

function send(request: FastifyRequest, reply: FastifyReply, file: StaticFile, cacheControl: string) {
  const coding = chooseEncoding(request.headers['accept-encoding'], new Set(file.encoded.keys()));
  const body = coding ? file.encoded.get(coding)! : file.identity;
  void reply
    .header('content-type', file.type)
    .header('cache-control', cacheControl)
    .header('last-modified', file.lastModified)
    .header('etag', body.etag);
  if (file.encoded.size > 0) void reply.header('vary', 'Accept-Encoding');
  if (coding) void reply.header('content-encoding', coding);
  if (isNotModified(request.headers, body.etag, file.mtimeSeconds)) return reply.code(304).send();
  return reply.header('content-length', body.bytes.length).send(body.bytes);
}

/**
 * Serves the built web app from the API's own origin, from memory, with the brotli and gzip copies
 * `scripts/build.mjs` made. Hashed files under /assets/ are cached for a year; index.html is
 * revalidated every time. Only a browser navigation (see isNavigation) falls back to index.html so the
 * client router can answer deep links; any other miss is a JSON 404, so `curl -f …/agent/typo.sh`
 * fails instead of handing HTML to a shell.
 */
export function registerWebApp(app: FastifyInstance, webDir: string | undefined): boolean {
  if (!webDir || !fs.existsSync(path.join(webDir, 'index.html'))) return false;
  const files = loadStaticFiles(webDir);
  const index = files.get('/index.html')!;
  app.get(
    '/*',
    { config: { access: 'public' }, schema: { hide: true }, compress: false },
    (request, reply) => {
      const urlPath = decodedPath(request.url);
      if (urlPath === '/') return send(request, reply, index, 'no-cache');
      const file = urlPath === null ? undefined : files.get(urlPath);
      if (file) return send(request, reply, file, urlPath!.startsWith('/assets/') ? IMMUTABLE : 'no-cache');
      if (urlPath !== null && isNavigation(request, urlPath)) return send(request, reply, index, 'no-cache');
      return reply.code(404).send({
        error: 'not_found',
        message: `No route for ${request.method} ${request.url.split('?')[0]}.`,
      });
    },
  );
  return true;
}
