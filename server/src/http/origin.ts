import type { FastifyRequest } from 'fastify';

/**
 * The one origin browsers may call from: the configured public URL, or else the origin the request
 * itself was addressed to (protocol + Host header).
 */
export function expectedOrigin(request: FastifyRequest, publicUrl: string | undefined): string {
  return publicUrl ?? `${request.protocol}://${request.host}`;
}

export function isAllowedOrigin(request: FastifyRequest, publicUrl: string | undefined): boolean {
  const origin = request.headers.origin;
  return origin !== undefined && origin === expectedOrigin(request, publicUrl);
}
