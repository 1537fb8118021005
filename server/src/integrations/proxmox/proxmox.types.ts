import { z } from 'zod';

/**
 * One entry of `GET /api2/json/cluster/resources` (Proxmox VE API viewer: cluster/resources). Proxmox
 * leaves fields out that it does not know (a guest on an offline node has no name and no figures), so
 * nearly everything is optional; unknown fields and types (storage, pool, sdn) pass through.
 */
export const PveClusterResource = z
  .object({
    id: z.string(),
    type: z.string(),
    node: z.string().optional(),
    status: z.string().optional(),
    vmid: z.number().int().optional(),
    name: z.string().optional(),
    /** Fraction of the allotted CPUs in use (0..1 per maxcpu). */
    cpu: z.number().optional(),
    maxcpu: z.number().optional(),
    mem: z.number().optional(),
    maxmem: z.number().optional(),
    disk: z.number().optional(),
    maxdisk: z.number().optional(),
    uptime: z.number().optional(),
    /** 1 for a template. */
    template: z.union([z.literal(0), z.literal(1), z.boolean()]).optional(),
    /** Semicolon-separated (older releases: commas or spaces). */
    tags: z.string().optional(),
    hastate: z.string().optional(),
    lock: z.string().optional(),
    pool: z.string().optional(),
  })
  .passthrough();
export type PveClusterResource = z.infer<typeof PveClusterResource>;

/** Every Proxmox answer is wrapped in `{ "data": … }`. */
export const PveClusterResources = z.object({ data: z.array(PveClusterResource) });
