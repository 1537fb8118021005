import type { FastifyRequest } from 'fastify';
import type { AuthContext } from '../../auth/auth-context';
import type { Actor } from './audit.service';

export function actorOf(auth: AuthContext, request: FastifyRequest): Actor {
  return { id: auth.user.id, name: auth.user.username, ip: request.ip };
}
