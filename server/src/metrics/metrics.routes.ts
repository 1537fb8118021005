import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { endpoints } from '@archnest/contract';
import { AppError, forbidden } from '../http/app-error';
import type { AppMetrics } from './app-metrics';

const digest = (value: string) => createHash('sha256').update(value).digest();

function bearer(request: FastifyRequest): string | null {
  const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
  return match ? match[1]! : null;
}

/** An unmatched URL is labelled as such: raw URLs would give every typo its own series. */
function routeLabel(request: FastifyRequest): string {
  return request.routeOptions.url ?? 'unmatched';
}

const REPORT = endpoints.agentReport;

/**
 * `GET /metrics` in the Prometheus text format. Declared `public` for the guard, because a scraper
 * has no session: this handler does its own check. Off (404) unless ARCHNEST_METRICS=true; then a
 * `Authorization: Bearer <ARCHNEST_METRICS_TOKEN>` or an administrator's session is required.
 */
export function metricsRoutes(
  app: FastifyInstance,
  metrics: AppMetrics | null,
  token: string | undefined,
): void {
  if (metrics) {
    app.addHook('onResponse', (request, reply, done) => {
      metrics.observeRequest(routeLabel(request), request.method, reply.statusCode, reply.elapsedTime / 1000);
      done();
    });
    app.addHook('onSend', (request, reply, payload, done) => {
      if (request.routeOptions.url === REPORT.path && request.method === REPORT.method) {
        metrics.agentReport(reply.statusCode === REPORT.status ? null : refusalCode(payload));
      }
      done(null, payload);
    });
  }
  const expected = token ? digest(token) : null;

  app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    if (!metrics) {
      return reply.code(404).send({ error: 'not_found', message: 'No route for GET /metrics.' });
    }
    const presented = bearer(request);
    if (presented !== null) {
      if (!expected || !timingSafeEqual(digest(presented), expected)) {
        throw new AppError(401, 'unauthorized', 'The metrics token is not valid.', {
          'www-authenticate': 'Bearer',
        });
      }
    } else if (!request.auth) {
      throw new AppError(401, 'unauthorized', 'Send the metrics token as a bearer token, or sign in.', {
        'www-authenticate': 'Bearer',
      });
    } else if (request.auth.user.role !== 'admin') {
      throw forbidden('Metrics are for administrators.');
    }
    const text = await metrics.registry.metrics();
    return reply.type(metrics.registry.contentType).header('cache-control', 'no-store').send(text);
  });
}

function refusalCode(payload: unknown): string {
  if (typeof payload !== 'string') return 'unknown';
  try {
    const body = JSON.parse(payload) as { error?: unknown };
    return typeof body.error === 'string' ? body.error : 'unknown';
  } catch {
    return 'unknown';
  }
}
