import { z } from 'zod';
import type { EndpointDef } from './endpoint';
import { InfraResource, InfraSource, InfraSourceParams, InfraTile } from './infrastructure';

/** A member of a whole source, with the tile it belongs to (a Proxmox node's tile names its node). */
export const InfraSourceMember = InfraResource.extend({
  tileId: z.string(),
  /** The tile's title when the source has a tile per part (the Proxmox node); null for one-tile sources. */
  group: z.string().nullable(),
});
export type InfraSourceMember = z.infer<typeof InfraSourceMember>;

/** Every member of one source across its tiles: what an integration's tab lists (pro edition). */
export const InfraSourceMembers = z.object({
  source: InfraSource,
  tiles: z.array(InfraTile),
  members: z.array(InfraSourceMember),
});
export type InfraSourceMembers = z.infer<typeof InfraSourceMembers>;

export const infrastructureTabEndpoints = {
  infrastructureSourceMembers: {
    method: 'GET',
    path: '/api/infrastructure/sources/:sourceId/members',
    access: 'user',
    feature: 'infrastructureTabs',
    tag: 'infrastructure',
    summary: 'Every member of one source across its tiles, for its own tab; answered from cache',
    params: InfraSourceParams,
    status: 200,
    response: InfraSourceMembers,
  },
} as const satisfies Record<string, EndpointDef>;
