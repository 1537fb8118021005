import type { FastifyInstance } from 'fastify';
import { endpoints } from '@archnest/contract';
import { route } from '../../http/route';
import type { AuditService } from './audit.service';

export function auditRoutes(app: FastifyInstance, audit: AuditService): void {
  route(app, endpoints.adminAudit, ({ query }) => audit.page(query));
}
