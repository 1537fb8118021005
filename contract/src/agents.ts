import { z } from 'zod';
import { PortBinding } from './docker';

/** A host label names one agent host: it is a URL path segment and a key, so it stays plain. */
export const AgentHostLabel = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    'Use 1–64 letters, digits, dots, dashes or underscores, starting with a letter or digit.',
  );

const Text = (max: number) => z.string().max(max);
const Count = z.number().int().min(0);
const Bytes = z.number().min(0);

/** Raw counters from one Engine API stats read; the server turns two consecutive reads into CPU %. */
export const AgentStatsSample = z
  .object({
    cpuTotalNs: Bytes,
    systemCpuNs: Bytes,
    onlineCpus: Count.max(4096),
    memoryUsageBytes: Bytes,
    memoryInactiveFileBytes: Bytes.default(0),
    memoryLimitBytes: Bytes,
    pids: Count.optional(),
    networkRxBytes: Bytes.optional(),
    networkTxBytes: Bytes.optional(),
    blockReadBytes: Bytes.optional(),
    blockWriteBytes: Bytes.optional(),
  })
  .strict();
export type AgentStatsSample = z.infer<typeof AgentStatsSample>;

/** `masked`: the agent hid (part of) the value before it left the host. */
export const AgentEnvVar = z
  .object({ name: Text(256), value: Text(8192), masked: z.boolean().default(false) })
  .strict();

export const AgentMount = z
  .object({
    type: Text(32),
    source: Text(4096).optional(),
    destination: Text(4096),
    readOnly: z.boolean(),
    name: Text(256).optional(),
  })
  .strict();

export const AgentReportContainer = z
  .object({
    id: z.string().regex(/^[a-f0-9]{12,64}$/, 'must be a hexadecimal container id'),
    name: Text(256),
    image: Text(512),
    command: Text(4096).optional(),
    state: Text(32),
    status: Text(256).optional(),
    health: Text(32).nullable(),
    restartCount: Count,
    exitCode: z.number().int().optional(),
    createdAt: Text(64),
    startedAt: Text(64).optional(),
    finishedAt: Text(64).optional(),
    ports: z.array(PortBinding).max(1000),
    networks: z.array(Text(256)).max(100),
    mounts: z.array(AgentMount).max(500),
    labels: z.record(Text(512), Text(8192)),
    env: z.array(AgentEnvVar).max(1000),
    stats: AgentStatsSample.nullable(),
  })
  .strict();
export type AgentReportContainer = z.infer<typeof AgentReportContainer>;

export const AgentHostFacts = z
  .object({
    hostname: Text(256),
    dockerVersion: Text(64),
    os: Text(256),
    kernel: Text(256).optional(),
    cpus: Count.max(4096),
    memoryBytes: Bytes,
  })
  .strict();
export type AgentHostFacts = z.infer<typeof AgentHostFacts>;

/** What `archnest-docker-agent.sh` posts to `POST /api/agents/docker/report` (see docs/agent.md). */
export const AgentReport = z
  .object({
    agentVersion: Text(32),
    hostLabel: AgentHostLabel,
    intervalSeconds: z.number().int().min(5).max(86_400),
    collectedAt: z.iso.datetime({ offset: true }),
    host: AgentHostFacts,
    containers: z
      .array(AgentReportContainer)
      .max(2000)
      .refine((list) => new Set(list.map((c) => c.id)).size === list.length, 'container ids must be unique'),
  })
  .strict();
export type AgentReport = z.infer<typeof AgentReport>;

export const AgentReportAccepted = z.object({
  hostLabel: z.string(),
  containers: z.number(),
  receivedAt: z.string(),
});

/** An agent host as the console lists it. */
export const AgentHost = z.object({
  label: z.string(),
  hostname: z.string(),
  dockerVersion: z.string(),
  os: z.string(),
  cpus: z.number(),
  memoryBytes: z.number(),
  agentVersion: z.string(),
  intervalSeconds: z.number(),
  firstReportAt: z.string(),
  lastReportAt: z.string(),
  /** The last report is older than 2 × the agent's interval + 20 s. */
  stale: z.boolean(),
  containerCount: z.number(),
  runningCount: z.number(),
});
export type AgentHost = z.infer<typeof AgentHost>;

export const AgentSample = z.object({
  at: z.string(),
  cpuPercent: z.number().nullable(),
  memoryBytes: z.number().nullable(),
});
export type AgentSample = z.infer<typeof AgentSample>;

export const AgentContainer = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  state: z.string(),
  status: z.string().optional(),
  health: z.string().nullable(),
  restartCount: z.number(),
  createdAt: z.string(),
  startedAt: z.string().optional(),
  ports: z.array(PortBinding),
  /** Computed by the server from this report and the previous one; null on the first. */
  cpuPercent: z.number().nullable(),
  memoryBytes: z.number().nullable(),
  memoryLimitBytes: z.number().nullable(),
  /** The most recent samples (oldest first) for a sparkline. */
  recent: z.array(AgentSample),
});
export type AgentContainer = z.infer<typeof AgentContainer>;

export const AgentHostContainers = z.object({
  host: AgentHost,
  containers: z.array(AgentContainer),
});
export type AgentHostContainers = z.infer<typeof AgentHostContainers>;

export const AgentContainerDetail = AgentContainer.extend({
  command: z.string().optional(),
  exitCode: z.number().optional(),
  finishedAt: z.string().optional(),
  networks: z.array(z.string()),
  mounts: z.array(AgentMount),
  labels: z.record(z.string(), z.string()),
  /** Masked on the agent's host and again by the server. */
  env: z.array(z.object({ name: z.string(), value: z.string(), masked: z.boolean() })),
  networkRxBytes: z.number().nullable(),
  networkTxBytes: z.number().nullable(),
  blockReadBytes: z.number().nullable(),
  blockWriteBytes: z.number().nullable(),
  pids: z.number().nullable(),
  hostLabel: z.string(),
  reportedAt: z.string(),
  /** Every stored sample (24 h by default), oldest first. */
  samples: z.array(AgentSample),
});
export type AgentContainerDetail = z.infer<typeof AgentContainerDetail>;

export const AgentToken = z.object({
  id: z.string(),
  hostLabel: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type AgentToken = z.infer<typeof AgentToken>;

/** The per-host tokens, and whether the instance-wide `ARCHNEST_AGENT_TOKEN` is set (never its value). */
export const AgentTokenList = z.object({
  instanceTokenConfigured: z.boolean(),
  tokens: z.array(AgentToken),
});
export type AgentTokenList = z.infer<typeof AgentTokenList>;

export const IssueAgentTokenBody = z.object({ hostLabel: AgentHostLabel }).strict();
/** The only answer that ever carries the token itself. */
export const IssuedAgentToken = AgentToken.extend({ token: z.string() });
export type IssuedAgentToken = z.infer<typeof IssuedAgentToken>;

export const AgentHostParams = z.object({ label: AgentHostLabel });
export const AgentContainerParams = AgentHostParams.extend({ ref: z.string().min(1).max(256) });
export const AgentTokenParams = z.object({ id: z.string().min(1).max(64) });
