import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from './app-error';

interface Issue {
  path: (string | number)[];
  message: string;
}

function validationIssues(error: FastifyError): Issue[] {
  if (!hasZodFastifySchemaValidationErrors(error)) return [{ path: [], message: error.message }];
  return error.validation.map((v) => {
    const params = v.params as { issue?: { path?: PropertyKey[] } } | undefined;
    const path = (params?.issue?.path ?? v.instancePath.split('/').filter(Boolean)).map((p) =>
      typeof p === 'number' ? p : String(p),
    );
    return { path, message: v.message ?? 'Invalid value.' };
  });
}

/** Every failure leaves as `{error, message}` (plus `issues` for validation); internals stay in the log. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply
        .code(error.status)
        .headers(error.headers)
        .send({
          error: error.code,
          message: error.message,
          ...(error.issues ? { issues: error.issues } : {}),
        });
    }
    if (error.validation) {
      const issues = validationIssues(error);
      const where = error.validationContext ?? 'request';
      return reply.code(400).send({
        error: 'invalid_request',
        message: `The ${where} is not valid: ${issues.map((i) => (i.path.length ? `${i.path.join('.')}: ` : '') + i.message).join('; ')}`,
        issues,
      });
    }
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply
          .code(413)
          .send({ error: 'payload_too_large', message: 'The request body is too large.' });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply
          .code(415)
          .send({ error: 'invalid_request', message: 'Send the body as application/json.' });
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
        return reply
          .code(400)
          .send({ error: 'invalid_request', message: 'The body is not valid JSON.', issues: [] });
      default:
        break;
    }
    if (error.statusCode === 429) {
      return reply.code(429).send({ error: 'rate_limited', message: 'Too many requests; try again later.' });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return reply
        .code(error.statusCode)
        .send({ error: 'invalid_request', message: error.message, issues: [] });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'internal', message: 'Something went wrong on the server.' });
  });

  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send({ error: 'not_found', message: `No route for ${request.method} ${request.url.split('?')[0]}.` }),
  );
}
