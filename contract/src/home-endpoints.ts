import { z } from 'zod';
import type { EndpointDef } from './endpoint';
import { HomeSummary, HostReachability } from './home';

/** The Home page and SSH host reachability. */
export const homeEndpoints = {
  home: {
    method: 'GET',
    path: '/api/home',
    access: 'user',
    tag: 'home',
    summary: 'Home: onboarding, per-source health, recent hosts, live sessions and problems (own view)',
    status: 200,
    response: HomeSummary,
  },
  hostReachability: {
    method: 'GET',
    path: '/api/hosts/reachability',
    access: 'user',
    tag: 'hosts',
    summary: 'Last SSH port check of every host the caller may use (TCP + banner, no login)',
    status: 200,
    response: z.array(HostReachability),
  },
} as const satisfies Record<string, EndpointDef>;
