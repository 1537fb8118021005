import { z } from 'zod';

/** Where a resource came from: an integration instance, a Containers-feature host, or the SSH hosts. */
export const InfraSourceKind = z.enum(['proxmox', 'aws-ec2', 'uptime-kuma', 'docker', 'agent', 'ssh']);
export type InfraSourceKind = z.infer<typeof InfraSourceKind>;

/** Kinds whose nodes each get a tile; every other source collapses into one tile. */
export const UNGROUPED_SOURCE_KINDS: readonly InfraSourceKind[] = ['proxmox'];

/** A status mapped to colour: running/up = ok, pending/paused = warning, down/failed = error, stopped = off. */
export const InfraHealth = z.enum(['ok', 'warning', 'error', 'off', 'unknown']);
export type InfraHealth = z.infer<typeof InfraHealth>;

export const InfraError = z.object({ code: z.string(), message: z.string() });

export const InfraSource = z.object({
  /** `integration:<id>`, `docker:<id>`, `agent:<id>` or `ssh`. */
  id: z.string(),
  kind: InfraSourceKind,
  name: z.string(),
  /** `pending` until the first poll ends; `error` when the latest poll failed (older data is kept). */
  state: z.enum(['ok', 'error', 'pending']),
  lastSuccessAt: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  error: InfraError.nullable(),
  pollIntervalSeconds: z.number().int().nullable(),
  /** Whether a manual refresh means anything (an agent pushes; it cannot be asked). */
  refreshable: z.boolean(),
});
export type InfraSource = z.infer<typeof InfraSource>;

export const InfraHealthCounts = z.object({
  ok: z.number().int(),
  warning: z.number().int(),
  error: z.number().int(),
  off: z.number().int(),
  unknown: z.number().int(),
});
export type InfraHealthCounts = z.infer<typeof InfraHealthCounts>;

export const InfraTile = z.object({
  /** Stable across polls: `<sourceId>` or `<sourceId>:node:<node name>`. */
  id: z.string(),
  sourceId: z.string(),
  kind: InfraSourceKind,
  title: z.string(),
  /** E.g. the source name under a Proxmox node, or "3 regions". */
  subtitle: z.string().nullable(),
  /** The node itself for a Proxmox node tile (online/offline); else the worst member health. */
  health: InfraHealth,
  memberCount: z.number().int(),
  counts: InfraHealthCounts,
  /** Plain words, e.g. "28 of 30 running" or "12 up, 1 down". */
  summary: z.string(),
});
export type InfraTile = z.infer<typeof InfraTile>;

export const InfraOverview = z.object({
  generatedAt: z.string(),
  sources: z.array(InfraSource),
  tiles: z.array(InfraTile),
});
export type InfraOverview = z.infer<typeof InfraOverview>;

export const InfraResourceType = z.enum(['node', 'vm', 'lxc', 'instance', 'monitor', 'container', 'host']);
export type InfraResourceType = z.infer<typeof InfraResourceType>;

export const InfraResource = z.object({
  /** Unique within its tile, e.g. `qemu/101`, `i-0abc…`, `monitor/7`. */
  id: z.string(),
  name: z.string(),
  type: InfraResourceType,
  /** The vendor's own word: running, stopped, up, down, pending, maintenance, exited, … */
  status: z.string(),
  health: InfraHealth,
  /** Share of the allotted CPU in use, 0..1. */
  cpu: z.number().nullable(),
  memoryUsedBytes: z.number().nullable(),
  memoryTotalBytes: z.number().nullable(),
  diskUsedBytes: z.number().nullable(),
  diskTotalBytes: z.number().nullable(),
  uptimeSeconds: z.number().nullable(),
  tags: z.array(z.string()),
  /** Kind-specific facts in display order: VMID, node, instance type, region, AZ, IPs, latency, 24 h uptime… */
  details: z.array(z.object({ label: z.string(), value: z.string() })),
});
export type InfraResource = z.infer<typeof InfraResource>;

export const InfraTileParams = z.object({ tileId: z.string().min(1).max(300) });
export const InfraSourceParams = z.object({ sourceId: z.string().min(1).max(100) });

export const InfraTileDetail = z.object({
  tile: InfraTile,
  source: InfraSource,
  members: z.array(InfraResource),
});
export type InfraTileDetail = z.infer<typeof InfraTileDetail>;
