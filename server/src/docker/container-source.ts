import type { ShellChannel } from '../ssh';
import type { DockerObjects } from './docker-objects';

/*
 * What routes and the UI see of a Docker host, whichever way it is reached. Every source returns these
 * shapes; a field a source cannot know is left out rather than guessed. Env values whose names look
 * secret are already masked in anything a source returns.
 */

export const CONTAINER_ACTIONS = ['start', 'stop', 'restart', 'pause', 'unpause', 'remove'] as const;
export type ContainerAction = (typeof CONTAINER_ACTIONS)[number];

/** Shells `exec` may start; a fixed list so nothing a user types reaches the remote command line. */
export const EXEC_SHELLS = ['sh', 'bash', 'ash'] as const;
export type ExecShell = (typeof EXEC_SHELLS)[number];

export type ContainerState =
  'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead' | 'unknown';

export interface PortBinding {
  containerPort: number;
  protocol: string;
  hostIp?: string;
  hostPort?: number;
}

export interface ContainerSummary {
  id: string;
  /** The first name, without Docker's leading slash. */
  name: string;
  names: string[];
  image: string;
  imageId?: string;
  command?: string;
  /** ISO 8601. */
  createdAt?: string;
  state: ContainerState;
  /** Docker's own phrase, e.g. "Up 3 minutes" or "Exited (0) 2 hours ago". */
  status: string;
  labels: Record<string, string>;
  ports: PortBinding[];
}

export interface EnvVar {
  name: string;
  /** `***` when the name looks secret or the value carried URL credentials (see secret-env.ts). */
  value: string;
  masked: boolean;
}

export interface MountSummary {
  type: string;
  source?: string;
  destination: string;
  readOnly: boolean;
  name?: string;
}

export interface ContainerDetail extends ContainerSummary {
  env: EnvVar[];
  entrypoint: string[];
  cmd: string[];
  workingDir?: string;
  user?: string;
  hostname?: string;
  tty: boolean;
  restartPolicy?: string;
  restartCount?: number;
  startedAt?: string;
  finishedAt?: string;
  exitCode?: number;
  health?: string;
  networks: string[];
  mounts: MountSummary[];
}

export interface ContainerStats {
  id: string;
  name?: string;
  /** ISO 8601, when the numbers were read. */
  readAt: string;
  /** Percent of one CPU times the number of CPUs (200 = two full cores), as `docker stats` shows it. */
  cpuPercent?: number;
  memoryBytes?: number;
  memoryLimitBytes?: number;
  memoryPercent?: number;
  networkRxBytes?: number;
  networkTxBytes?: number;
  blockReadBytes?: number;
  blockWriteBytes?: number;
  pids?: number;
}

export interface ImageSummary {
  id: string;
  /** `repo:tag` entries; empty for a dangling image. */
  tags: string[];
  /** Exact from the Engine API; from the CLI, parsed back from its rounded human size. */
  sizeBytes?: number;
  createdAt?: string;
  /** Names of the containers (any state) created from it; Engine API only. */
  usedBy?: string[];
}

export interface VolumeSummary {
  name: string;
  driver: string;
  mountpoint?: string;
  scope?: string;
  labels: Record<string, string>;
  /** Names of the containers (any state) that mount it; Engine API only. */
  usedBy?: string[];
}

export interface NetworkSummary {
  id: string;
  name: string;
  driver: string;
  scope?: string;
  internal?: boolean;
  labels: Record<string, string>;
  /** Names of the containers attached to it; Engine API only. */
  usedBy?: string[];
}

export interface ListOptions {
  /** Include stopped containers; default true. */
  all?: boolean;
  /**
   * Applied by ArchNest after listing, the same way for every source, so no filter text ever reaches
   * a remote command: `name` and `image` match substrings, `label` is `key` or `key=value`.
   */
  filter?: { name?: string; image?: string; label?: string; state?: ContainerState };
}

export interface LogOptions {
  /** Lines from the end; default 200, at most 10 000; `all` for everything. */
  tail?: number | 'all';
  timestamps?: boolean;
}

export interface LogChunk {
  stream: 'stdout' | 'stderr';
  text: string;
}

/** A followed log: chunks as the container writes them, until `close()` or the container stops. */
export interface LogStream {
  onChunk(listener: (chunk: LogChunk) => void): void;
  /** Fires once; with an error when the transport failed rather than the log ending. */
  onEnd(listener: (error?: Error) => void): void;
  close(): void;
}

export interface ActionOptions {
  /** For `remove`: also remove a running container. */
  force?: boolean;
}

export interface ExecOptions {
  cols: number;
  rows: number;
  /** Default `sh`. */
  shell?: ExecShell;
}

/** One cheap stats reading (one-shot) and the CPU counters the next reading computes CPU % against. */
export interface StatsReading {
  stats: ContainerStats;
  cpu: unknown;
}

/** One Docker host. Methods reject with the errors in docker-errors.ts, and never hang past their timeout. */
export interface ContainerSource {
  readonly kind: 'engine-api' | 'ssh-cli' | 'ssh' | 'pull-agent';
  /** The host's name as users know it; used in every message. */
  readonly label: string;
  list(options?: ListOptions): Promise<ContainerSummary[]>;
  inspect(ref: string): Promise<ContainerDetail>;
  logs(ref: string, options?: LogOptions): Promise<LogChunk[]>;
  followLogs(ref: string, options?: LogOptions): Promise<LogStream>;
  act(ref: string, action: ContainerAction, options?: ActionOptions): Promise<void>;
  stats(ref: string): Promise<ContainerStats>;
  /**
   * A one-shot reading for list columns, without the second-long wait of `stats`; CPU % only when
   * `earlier` (a previous reading's `cpu`) is given. Null where a reading would cost a CLI start.
   */
  readStats?(ref: string, earlier?: unknown): Promise<StatsReading | null>;
  /** An interactive shell in the container (a pty), with resize. */
  exec(ref: string, options: ExecOptions): Promise<ShellChannel>;
  images(): Promise<ImageSummary[]>;
  volumes(): Promise<VolumeSummary[]>;
  networks(): Promise<NetworkSummary[]>;
  /**
   * Inspect, remove, prune and pull (docker-objects.ts). Rejects with `unsupported` where the host
   * is reached without the Engine API (the CLI fallback).
   */
  objects(): Promise<DockerObjects>;
  /** Releases what the source holds (the Engine API keeps nothing; SSH may keep a connection). */
  close(): void;
}
