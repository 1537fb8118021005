import type { ContainerSummary } from './container-source';
import type { StoredAgentContainer } from './agent-report-source';

/**
 * What alert rules read of a container, from whichever source saw it: a Docker host's list or an
 * agent's report. A fact a source cannot know is null.
 */
export interface ContainerObservation {
  id: string;
  name: string;
  state: string;
  exitCode: number | null;
  /** `healthy`, `unhealthy`, `starting`, or null without a health check. */
  health: string | null;
  /** Docker's restart counter (agent reports); null from a Docker list, which does not carry it. */
  restartCount: number | null;
  /** Seconds since the container started, when known. */
  uptimeSeconds: number | null;
  /** As `docker stats` shows it (200 = two full cores). */
  cpuPercent: number | null;
  memoryBytes: number | null;
  memoryLimitBytes: number | null;
  labels: Record<string, string>;
}

const UNIT_SECONDS: Record<string, number> = {
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86_400,
  week: 604_800,
  month: 2_592_000,
  year: 31_536_000,
};

/** "Up 5 seconds", "Up About a minute", "Up Less than a second" → seconds; null when not running. */
export function uptimeFromStatus(status: string): number | null {
  const match = /^Up (Less than a second|About an? (\w+)|(\d+) (\w+?)s?)\b/.exec(status);
  if (!match) return null;
  if (match[1] === 'Less than a second') return 0;
  if (match[2]) return UNIT_SECONDS[match[2]] ?? null;
  const unit = UNIT_SECONDS[match[4] ?? ''];
  return unit === undefined ? null : Number(match[3]) * unit;
}

/** Docker's list phrase carries the exit code and health: "Exited (137) 2 minutes ago", "Up 1 hour (unhealthy)". */
export function observeSummary(c: ContainerSummary): ContainerObservation {
  const exit = /^Exited \((-?\d+)\)/.exec(c.status);
  const health = /\((healthy|unhealthy|health: starting)\)/.exec(c.status);
  return {
    id: c.id,
    name: c.name,
    state: c.state,
    exitCode: exit ? Number(exit[1]) : null,
    health: health ? (health[1] === 'health: starting' ? 'starting' : (health[1] ?? null)) : null,
    restartCount: null,
    uptimeSeconds: c.state === 'running' ? uptimeFromStatus(c.status) : null,
    cpuPercent: null,
    memoryBytes: null,
    memoryLimitBytes: null,
    labels: c.labels,
  };
}

/** An agent-reported container: the restart counter, exit code and stats come with the report. */
export function observeReported(c: StoredAgentContainer): ContainerObservation {
  const started = c.state === 'running' && c.startedAt ? Date.parse(c.startedAt) : NaN;
  return {
    id: c.id,
    name: c.name,
    state: c.state,
    exitCode: c.exitCode ?? null,
    health: c.health ?? null,
    restartCount: c.restartCount,
    uptimeSeconds: Number.isFinite(started) ? Math.max(0, (Date.now() - started) / 1000) : null,
    cpuPercent: c.cpuPercent,
    memoryBytes: c.memoryBytes,
    memoryLimitBytes: c.stats?.memoryLimitBytes ?? null,
    labels: c.labels,
  };
}
