import type { AgentContainer, AgentHost, InfraHealth, InfraResource } from '@archnest/contract';
import type { AgentReportsService } from '../../agents/agent-reports.service';
import type { PolledSource, ResourceSourceProvider } from '../resource-source';

/** Agent hosts push; this only re-reads the stored report, so a short interval costs a query. */
const POLL_SECONDS = 15;

const STATE_HEALTH: Record<string, InfraHealth> = {
  running: 'ok',
  paused: 'warning',
  restarting: 'warning',
  removing: 'warning',
  created: 'off',
  exited: 'off',
  dead: 'error',
};

function health(c: AgentContainer): InfraHealth {
  if (c.health === 'unhealthy') return 'error';
  if (c.health === 'starting' && c.state === 'running') return 'warning';
  return STATE_HEALTH[c.state] ?? 'unknown';
}

function toResource(c: AgentContainer): InfraResource {
  const details = [
    { label: 'Image', value: c.image },
    { label: 'Container id', value: c.id.slice(0, 12) },
  ];
  if (c.status) details.push({ label: 'Status', value: c.status });
  if (c.health) details.push({ label: 'Health check', value: c.health });
  if (c.restartCount > 0) details.push({ label: 'Restarts', value: String(c.restartCount) });
  const started = c.state === 'running' && c.startedAt ? Date.parse(c.startedAt) : NaN;
  return {
    id: c.id.slice(0, 12),
    name: c.name,
    type: 'container',
    status: c.state,
    health: health(c),
    cpu: c.cpuPercent === null ? null : c.cpuPercent / 100,
    memoryUsedBytes: c.memoryBytes,
    memoryTotalBytes: c.memoryLimitBytes,
    diskUsedBytes: null,
    diskTotalBytes: null,
    uptimeSeconds: Number.isFinite(started) ? Math.max(0, Math.round((Date.now() - started) / 1000)) : null,
    tags: [],
    details,
  };
}

function staleSummary(host: AgentHost, running: number, total: number): string {
  return `stale: last report ${host.lastReportAt} · ${running} of ${total} running then`;
}

/**
 * Each agent host is one source whose members are the containers of its latest report. A stale host
 * (no report for 2 × its interval + 20 s) keeps its last containers, but its tile turns red and says so:
 * nothing can be asked of an agent, so there is no refresh.
 */
export class AgentHostsProvider implements ResourceSourceProvider {
  constructor(private readonly reports: AgentReportsService) {}

  onChange(listener: () => void): void {
    this.reports.onHostListChange(listener);
  }

  async sources(): Promise<PolledSource[]> {
    return (await this.reports.listHosts()).map((host) => ({
      id: `agent:${host.label}`,
      kind: 'agent' as const,
      name: host.label,
      pollIntervalSeconds: POLL_SECONDS,
      reportedIntervalSeconds: null,
      timeoutMs: 5000,
      refreshable: false,
      // A host going stale (or fresh again) counts as a change, so the tile says so at the next re-sync.
      revision: `${host.label}:${host.stale ? 'stale' : 'live'}`,
      poll: async () => {
        const { host: latest, containers, observations } = await this.reports.latestContainers(host.label);
        const running = containers.filter((c) => c.state === 'running').length;
        return {
          groups: [
            {
              key: null,
              title: latest.label,
              subtitle: `Agent · ${latest.hostname}`,
              ...(latest.stale
                ? { health: 'error' as const, summary: staleSummary(latest, running, containers.length) }
                : {}),
              members: containers.map(toResource),
            },
          ],
          observations: { containers: observations, stale: latest.stale },
        };
      },
    }));
  }
}
