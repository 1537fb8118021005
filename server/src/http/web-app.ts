import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/**
 * Serves the built web app from the API's own origin. Unknown non-API paths get index.html so the
 * client router can answer deep links such as /settings?tab=security.
 */
export async function registerWebApp(app: FastifyInstance, webDir: string | undefined): Promise<boolean> {
  if (!webDir || !fs.existsSync(path.join(webDir, 'index.html'))) return false;
  await app.register(fastifyStatic, { root: webDir, serve: false });
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, (request, reply) => {
    const urlPath = decodeURIComponent(request.url.split('?')[0] ?? '/');
    if (urlPath.startsWith('/api/')) {
      return reply
        .code(404)
        .send({ error: 'not_found', message: `No route for ${request.method} ${urlPath}.` });
    }
    const relative = path
      .normalize(urlPath)
      .replace(/^(\.\.(\/|\\|$))+/, '')
      .replace(/^\/+/, '');
    const file = path.join(webDir, relative);
    if (
      relative &&
      file.startsWith(webDir + path.sep) &&
      fs.statSync(file, { throwIfNoEntry: false })?.isFile()
    ) {
      const immutable = relative.startsWith('assets/');
      return reply
        .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
        .sendFile(relative);
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
  return true;
}
