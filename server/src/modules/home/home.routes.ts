import type { FastifyInstance } from 'fastify';
import { endpoints } from '@archnest/contract';
import { route } from '../../http/route';
import { viewerOf } from '../hosts/host-access';
import type { ReachabilityService } from '../reachability/reachability.service';
import type { HomeService } from './home.service';

export function homeRoutes(app: FastifyInstance, home: HomeService, reachability: ReachabilityService): void {
  route(app, endpoints.home, ({ auth }) => home.summary(auth));
  route(app, endpoints.hostReachability, ({ auth }) => reachability.listFor(viewerOf(auth)));
}
