import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const NUL = /%00|\0/;

/**
 * Requests the router cannot even read (a broken percent-escape) answer in our own error shape
 * rather than the framework's. Passed to Fastify as `frameworkErrors`.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const status = error.code === 'FST_ERR_BAD_URL' ? 400 : (error.statusCode ?? 500);
  const body =
    error.code === 'FST_ERR_BAD_URL'
      ? { error: 'bad_url', message: 'The request URL is not valid: it holds a broken %-escape.' }
      : status >= 500
        ? { error: 'internal', message: 'Something went wrong on the server.' }
        : { error: 'invalid_request', message: error.message };
  if (status >= 500) request.log.error({ err: error }, 'request failed before routing');
  void reply.code(status).header('cache-control', 'no-store').send(body);
}

/**
 * A NUL byte in the URL is refused before any route sees it (file lookups throw on it), every API
 * answer, errors included, is marked `no-store` (they carry account data that no cache should keep),
 * and a refused WebSocket upgrade answers `Connection: close`.
 */
export function registerRequestHygiene(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    if (!NUL.test(request.raw.url ?? '')) return done();
    void reply
      .code(400)
      .send({ error: 'invalid_request', message: 'The request URL must not contain a NUL byte (%00).' });
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    const url = request.raw.url ?? '';
    if (url === '/api' || url.startsWith('/api/') || url.startsWith('/api?')) {
      void reply.header('cache-control', 'no-store');
    }
    // A refused WebSocket upgrade ends its connection: nothing else may follow on it.
    if (request.raw.headers.upgrade !== undefined && reply.statusCode >= 400) {
      void reply.header('connection', 'close');
    }
    done(null, payload);
  });
}
