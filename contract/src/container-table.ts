import { z } from 'zod';
import { ContainerState, ContainerSummary } from './docker';

/**
 * The all-hosts Containers table. A host key names a container source in URLs and filters:
 * `docker:<Docker host id>` for a host ArchNest reaches, `agent:<label>` for a push-agent host.
 */
export const ContainerHostKey = z
  .string()
  .max(80)
  .regex(/^(docker|agent):[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'Use docker:<id> or agent:<label>.');

export const ContainerSourceKind = z.enum(['engine-api', 'ssh', 'pull-agent', 'agent']);
export type ContainerSourceKind = z.infer<typeof ContainerSourceKind>;

export const TableContainer = ContainerSummary.extend({
  hostKey: z.string(),
  hostName: z.string(),
  /** Percent of one CPU times the CPUs (200 = two cores); null when unknown (stopped, first reading). */
  cpuPercent: z.number().nullable(),
  memoryBytes: z.number().nullable(),
  memoryLimitBytes: z.number().nullable(),
});
export type TableContainer = z.infer<typeof TableContainer>;

/** One source's part of the answer: `error` says why it has no rows (down, timed out). */
export const TableHost = z.object({
  key: z.string(),
  name: z.string(),
  kind: ContainerSourceKind,
  /** Agent hosts are read-only: no actions, logs download or console. */
  readOnly: z.boolean(),
  error: z.string().nullable(),
  /** An agent host whose last report is old. */
  stale: z.boolean(),
  /** When this host's containers were read (for an agent host: its last report). */
  fetchedAt: z.string(),
});
export type TableHost = z.infer<typeof TableHost>;

export const AllContainers = z.object({
  hosts: z.array(TableHost),
  containers: z.array(TableContainer),
});
export type AllContainers = z.infer<typeof AllContainers>;

export const AllContainersQuery = z.object({
  all: z.enum(['true', 'false']).default('false'),
  host: ContainerHostKey.optional(),
  state: ContainerState.optional(),
  name: z.string().max(128).optional(),
});

export const BULK_ACTIONS = ['start', 'stop', 'restart'] as const;
export const BulkActionBody = z
  .object({
    action: z.enum(BULK_ACTIONS),
    targets: z
      .array(z.object({ hostId: z.string().min(1).max(64), ref: z.string().min(1).max(128) }).strict())
      .min(1)
      .max(100),
  })
  .strict();
export type BulkActionBody = z.infer<typeof BulkActionBody>;

export const BulkActionResult = z.object({
  hostId: z.string(),
  ref: z.string(),
  ok: z.boolean(),
  /** The error code the single-container route would have answered, e.g. `not_found`. */
  error: z.string().nullable(),
  message: z.string().nullable(),
});
export const BulkActionResults = z.object({ results: z.array(BulkActionResult) });
export type BulkActionResults = z.infer<typeof BulkActionResults>;

export const LogDownloadQuery = z.object({
  tail: z.union([z.literal('all'), z.coerce.number().int().min(1).max(100_000)]).default(1000),
  timestamps: z.enum(['true', 'false']).default('true'),
});

/** Shells the exec console may start (argv[0], never a command line). */
export const ExecShell = z.enum(['sh', 'bash', 'ash']);
export type ExecShell = z.infer<typeof ExecShell>;
