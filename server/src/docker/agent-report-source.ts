import type {
  AgentContainer,
  AgentContainerDetail,
  AgentReportContainer,
  AgentSample,
  AgentStatsSample,
} from '@archnest/contract';
import type { EnvVar } from './container-source';
import { maskEnvEntry } from './secret-env';

/*
 * The read-only source behind agent hosts: the agent pushes raw counters from one one-shot Engine API
 * stats read per container, and CPU % needs two readings. The previous report's counters are the
 * first reading, so the first report of a container has no CPU figure and every later one does
 * (over the whole interval between reports, like `docker stats` over its ~1 s window).
 */

/** A reported container as stored: env masked (again, by the server's own rule) and figures computed. */
export interface StoredAgentContainer extends Omit<AgentReportContainer, 'env'> {
  env: EnvVar[];
  cpuPercent: number | null;
  memoryBytes: number | null;
}

const round = (value: number) => Math.round(value * 100) / 100;

export function cpuPercentBetween(
  previous: AgentStatsSample | null | undefined,
  current: AgentStatsSample,
): number | null {
  if (!previous) return null;
  const cpuDelta = current.cpuTotalNs - previous.cpuTotalNs;
  const systemDelta = current.systemCpuNs - previous.systemCpuNs;
  // A restarted container starts its counter again: no honest figure for this interval.
  if (systemDelta <= 0 || cpuDelta < 0) return null;
  return round((cpuDelta / systemDelta) * Math.max(1, current.onlineCpus) * 100);
}

/** Usage without the reclaimable page cache, as `docker stats` counts it. */
export function memoryUsed(stats: AgentStatsSample): number {
  const inactive = stats.memoryInactiveFileBytes;
  return inactive < stats.memoryUsageBytes ? stats.memoryUsageBytes - inactive : stats.memoryUsageBytes;
}

/**
 * Masks again by name whatever the agent sent: an old or altered agent must not be able to get a
 * secret-looking value stored. What the agent masked stays marked as masked.
 */
function maskAgain(env: AgentReportContainer['env']): EnvVar[] {
  return env.map(({ name, value, masked }) => {
    const again = maskEnvEntry(`${name}=${value}`);
    return { ...again, masked: again.masked || masked };
  });
}

export function toStoredContainers(
  reported: readonly AgentReportContainer[],
  previous: readonly StoredAgentContainer[],
): StoredAgentContainer[] {
  const before = new Map(previous.map((c) => [c.id, c]));
  return reported.map((container) => {
    const stats = container.stats;
    return {
      ...container,
      env: maskAgain(container.env),
      cpuPercent: stats ? cpuPercentBetween(before.get(container.id)?.stats, stats) : null,
      memoryBytes: stats ? memoryUsed(stats) : null,
    };
  });
}

export function toAgentContainer(c: StoredAgentContainer, recent: AgentSample[]): AgentContainer {
  return {
    id: c.id,
    name: c.name,
    image: c.image,
    state: c.state,
    ...(c.status !== undefined ? { status: c.status } : {}),
    health: c.health,
    restartCount: c.restartCount,
    createdAt: c.createdAt,
    ...(c.startedAt !== undefined ? { startedAt: c.startedAt } : {}),
    ports: c.ports,
    cpuPercent: c.cpuPercent,
    memoryBytes: c.memoryBytes,
    memoryLimitBytes: c.stats?.memoryLimitBytes ?? null,
    recent,
  };
}

export function toAgentContainerDetail(
  c: StoredAgentContainer,
  hostLabel: string,
  reportedAt: string,
  samples: AgentSample[],
): AgentContainerDetail {
  return {
    ...toAgentContainer(c, samples.slice(-30)),
    ...(c.command !== undefined ? { command: c.command } : {}),
    ...(c.exitCode !== undefined ? { exitCode: c.exitCode } : {}),
    ...(c.finishedAt !== undefined ? { finishedAt: c.finishedAt } : {}),
    networks: c.networks,
    mounts: c.mounts,
    labels: c.labels,
    env: c.env,
    networkRxBytes: c.stats?.networkRxBytes ?? null,
    networkTxBytes: c.stats?.networkTxBytes ?? null,
    blockReadBytes: c.stats?.blockReadBytes ?? null,
    blockWriteBytes: c.stats?.blockWriteBytes ?? null,
    pids: c.stats?.pids ?? null,
    hostLabel,
    reportedAt,
    samples,
  };
}

/** A reference picks a container by full id, id prefix (12+) or name, like the docker CLI. */
export function findReported(
  containers: readonly StoredAgentContainer[],
  ref: string,
): StoredAgentContainer | undefined {
  const name = ref.replace(/^\//, '');
  return (
    containers.find((c) => c.name === name || c.id === ref) ??
    (/^[a-f0-9]{12,}$/.test(ref) ? containers.find((c) => c.id.startsWith(ref)) : undefined)
  );
}
