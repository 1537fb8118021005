import { z } from 'zod';

/**
 * How ArchNest reaches a Docker host. Agent hosts (push reports) are listed separately; a pull agent
 * is added by enrolment (pull-agents.ts), never through the create body.
 */
export const DockerHostKind = z.enum(['engine-api', 'ssh', 'pull-agent']);
export type DockerHostKind = z.infer<typeof DockerHostKind>;

/** `unix:///path` or `tcp://host:port`; nothing else reaches the Docker client. */
export const EngineEndpoint = z
  .string()
  .trim()
  .max(300)
  .refine(
    (v) => /^unix:\/\/\/[A-Za-z0-9_./-]+$/.test(v) || /^tcp:\/\/[A-Za-z0-9.-]+:\d{1,5}$/.test(v),
    'Use unix:///var/run/docker.sock or tcp://host:2376.',
  );
const RemoteDockerHost = z
  .string()
  .trim()
  .max(300)
  .regex(
    /^unix:\/\/\/[A-Za-z0-9_./-]+$/,
    'Use a unix:///absolute/path socket, e.g. unix:///run/user/1000/docker.sock.',
  );
const Pem = (what: string) =>
  z
    .string()
    .max(16_384)
    .refine((v) => /-----BEGIN [A-Z ]+-----/.test(v), `Paste the ${what} in PEM format.`);
const HostName = z.string().trim().min(1, 'Name is required.').max(64);
const Cli = z.enum(['docker', 'podman']);

export const DockerHost = z.object({
  id: z.string(),
  name: z.string(),
  kind: DockerHostKind,
  /** Engine API endpoint (`unix://…`, `tcp://…`); null for SSH hosts. */
  endpoint: z.string().nullable(),
  /** The SSH host record an SSH Docker host runs its CLI on. */
  sshHostId: z.string().nullable(),
  cli: Cli.nullable(),
  /** For SSH hosts whose daemon is not the CLI's default (rootless Docker, Podman's socket). */
  remoteDockerHost: z.string().nullable(),
  hasCa: z.boolean(),
  hasClientCert: z.boolean(),
  hasClientKey: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DockerHost = z.infer<typeof DockerHost>;

export const CreateDockerHostBody = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('engine-api'),
      name: HostName,
      endpoint: EngineEndpoint,
      ca: Pem('CA certificate').optional(),
      clientCert: Pem('client certificate').optional(),
      clientKey: Pem('client key').optional(),
    })
    .strict(),
  z
    .object({
      kind: z.literal('ssh'),
      name: HostName,
      sshHostId: z.string().min(1).max(64),
      cli: Cli.default('docker'),
      remoteDockerHost: RemoteDockerHost.nullable().default(null),
    })
    .strict(),
]);
export type CreateDockerHostBody = z.infer<typeof CreateDockerHostBody>;

/** Secrets: absent keeps, a value replaces, null clears. The kind cannot change. */
export const UpdateDockerHostBody = z
  .object({
    name: HostName.optional(),
    endpoint: EngineEndpoint.optional(),
    ca: Pem('CA certificate').nullable().optional(),
    clientCert: Pem('client certificate').nullable().optional(),
    clientKey: Pem('client key').nullable().optional(),
    sshHostId: z.string().min(1).max(64).optional(),
    cli: Cli.optional(),
    remoteDockerHost: RemoteDockerHost.nullable().optional(),
  })
  .strict();
export type UpdateDockerHostBody = z.infer<typeof UpdateDockerHostBody>;

export const ContainerState = z.enum([
  'created',
  'running',
  'paused',
  'restarting',
  'removing',
  'exited',
  'dead',
  'unknown',
]);
export type ContainerState = z.infer<typeof ContainerState>;

export const PortBinding = z.object({
  containerPort: z.number(),
  protocol: z.string(),
  hostIp: z.string().optional(),
  hostPort: z.number().optional(),
});

export const ContainerSummary = z.object({
  id: z.string(),
  name: z.string(),
  names: z.array(z.string()),
  image: z.string(),
  imageId: z.string().optional(),
  command: z.string().optional(),
  createdAt: z.string().optional(),
  state: ContainerState,
  status: z.string(),
  labels: z.record(z.string(), z.string()),
  ports: z.array(PortBinding),
});
export type ContainerSummary = z.infer<typeof ContainerSummary>;

export const EnvVar = z.object({ name: z.string(), value: z.string(), masked: z.boolean() });

export const MountSummary = z.object({
  type: z.string(),
  source: z.string().optional(),
  destination: z.string(),
  readOnly: z.boolean(),
  name: z.string().optional(),
});

export const ContainerDetail = ContainerSummary.extend({
  env: z.array(EnvVar),
  entrypoint: z.array(z.string()),
  cmd: z.array(z.string()),
  workingDir: z.string().optional(),
  user: z.string().optional(),
  hostname: z.string().optional(),
  tty: z.boolean(),
  restartPolicy: z.string().optional(),
  restartCount: z.number().optional(),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  exitCode: z.number().optional(),
  health: z.string().optional(),
  networks: z.array(z.string()),
  mounts: z.array(MountSummary),
});
export type ContainerDetail = z.infer<typeof ContainerDetail>;

export const ContainerStats = z.object({
  id: z.string(),
  name: z.string().optional(),
  readAt: z.string(),
  cpuPercent: z.number().optional(),
  memoryBytes: z.number().optional(),
  memoryLimitBytes: z.number().optional(),
  memoryPercent: z.number().optional(),
  networkRxBytes: z.number().optional(),
  networkTxBytes: z.number().optional(),
  blockReadBytes: z.number().optional(),
  blockWriteBytes: z.number().optional(),
  pids: z.number().optional(),
});
export type ContainerStats = z.infer<typeof ContainerStats>;

export const ImageSummary = z.object({
  id: z.string(),
  tags: z.array(z.string()),
  sizeBytes: z.number().optional(),
  createdAt: z.string().optional(),
  /** Names of the containers (any state) that use it; absent where the host cannot tell (CLI). */
  usedBy: z.array(z.string()).optional(),
});
export const VolumeSummary = z.object({
  name: z.string(),
  driver: z.string(),
  mountpoint: z.string().optional(),
  scope: z.string().optional(),
  labels: z.record(z.string(), z.string()),
  usedBy: z.array(z.string()).optional(),
});
export const NetworkSummary = z.object({
  id: z.string(),
  name: z.string(),
  driver: z.string(),
  scope: z.string().optional(),
  internal: z.boolean().optional(),
  labels: z.record(z.string(), z.string()),
  usedBy: z.array(z.string()).optional(),
});

export type ImageSummary = z.infer<typeof ImageSummary>;
export type VolumeSummary = z.infer<typeof VolumeSummary>;
export type NetworkSummary = z.infer<typeof NetworkSummary>;

export const LogChunk = z.object({ stream: z.enum(['stdout', 'stderr']), text: z.string() });
export type LogChunk = z.infer<typeof LogChunk>;

export const ContainerAction = z.enum(['start', 'stop', 'restart', 'pause', 'unpause', 'remove']);
export type ContainerAction = z.infer<typeof ContainerAction>;

export const DockerHostParams = z.object({ id: z.string().min(1).max(64) });
export const ContainerParams = z.object({ id: z.string().min(1).max(64), ref: z.string().min(1).max(128) });
export const ContainerActionParams = ContainerParams.extend({ action: ContainerAction });
/** `?force=true` removes a running container; the POST carries no body. */
export const ContainerActionQuery = z.object({ force: z.enum(['true', 'false']).default('false') });

export const ListContainersQuery = z.object({
  all: z.enum(['true', 'false']).default('true'),
  name: z.string().max(128).optional(),
  image: z.string().max(256).optional(),
  label: z.string().max(256).optional(),
  state: ContainerState.optional(),
});

export const LogsQuery = z.object({
  tail: z.union([z.literal('all'), z.coerce.number().int().min(0).max(10_000)]).default(200),
  timestamps: z.enum(['true', 'false']).default('false'),
});

/** A host's answer: data, or the reason it could not be had — never a hang (bounded by a timeout). */
export const HostContainers = z.object({
  hostId: z.string(),
  containers: z.array(ContainerSummary),
  error: z.string().nullable(),
  fetchedAt: z.string(),
});
export type HostContainers = z.infer<typeof HostContainers>;

/** Close codes of the follow-logs WebSocket. */
export const LOGS_CLOSE = {
  ended: 4000,
  invalid: 4400,
  /** The sign-in that opened the socket ended (logout, revocation, deactivation). */
  sessionEnded: 4401,
  notFound: 4404,
  tooSlow: 4429,
  failed: 4500,
  unreachable: 4503,
} as const;

export const DockerHostTestResult = z.object({
  ok: z.boolean(),
  message: z.string(),
  containers: z.number().nullable(),
  durationMs: z.number(),
});
export type DockerHostTestResult = z.infer<typeof DockerHostTestResult>;
