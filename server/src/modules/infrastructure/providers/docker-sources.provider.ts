import type { InfraHealth, InfraResource } from '@archnest/contract';
import type { ContainerStats, ContainerSummary } from '../../../docker';
import { observeSummary } from '../../../docker/container-observation';
import type { ContainerSources } from '../../containers/container-sources';
import type { ContainerStatsCache } from '../../containers/container-stats-cache';
import type { DockerHostsService } from '../../containers/docker-hosts.service';
import type { PolledSource, ResourceSourceProvider } from '../resource-source';

const POLL_SECONDS = 30;

const HEALTH: Record<ContainerSummary['state'], InfraHealth> = {
  running: 'ok',
  paused: 'warning',
  restarting: 'warning',
  removing: 'warning',
  created: 'off',
  exited: 'off',
  dead: 'error',
  unknown: 'unknown',
};

function toResource(c: ContainerSummary, stats: ContainerStats | undefined): InfraResource {
  const ports = c.ports
    .filter((p) => p.hostPort !== undefined)
    .map((p) => `${p.hostPort}→${p.containerPort}/${p.protocol}`);
  const details = [
    { label: 'Image', value: c.image },
    { label: 'Status', value: c.status },
    { label: 'Container id', value: c.id.slice(0, 12) },
  ];
  if (ports.length) details.push({ label: 'Ports', value: ports.join(', ') });
  if (c.createdAt) details.push({ label: 'Created', value: c.createdAt });
  return {
    id: c.id.slice(0, 12),
    name: c.name,
    type: 'container',
    status: c.state,
    health: HEALTH[c.state],
    cpu: stats?.cpuPercent === undefined ? null : stats.cpuPercent / 100,
    memoryUsedBytes: stats?.memoryBytes ?? null,
    memoryTotalBytes: stats?.memoryLimitBytes ?? null,
    diskUsedBytes: null,
    diskTotalBytes: null,
    uptimeSeconds: null,
    tags: Object.entries(c.labels)
      .filter(([k]) => k === 'com.docker.compose.project')
      .map(([, v]) => `compose:${v}`),
    details,
  };
}

/** Each Containers-feature Docker host is one source whose members are its containers. */
export class DockerSourcesProvider implements ResourceSourceProvider {
  constructor(
    private readonly dockerHosts: DockerHostsService,
    private readonly containerSources: ContainerSources,
    private readonly timeoutMs: number,
    /** CPU and memory of running containers, shared with the Containers table. */
    private readonly stats: ContainerStatsCache,
  ) {}

  onChange(listener: () => void): void {
    this.dockerHosts.onChange(() => listener());
  }

  async sources(): Promise<PolledSource[]> {
    return (await this.dockerHosts.list()).map((host) => ({
      id: `docker:${host.id}`,
      kind: 'docker' as const,
      name: host.name,
      pollIntervalSeconds: POLL_SECONDS,
      reportedIntervalSeconds: POLL_SECONDS,
      timeoutMs: this.timeoutMs,
      refreshable: true,
      revision: JSON.stringify(host),
      poll: async () => {
        // The container source bounds each call with the Docker timeout; the poller bounds the rest.
        const { source } = await this.containerSources.forHost(host.id);
        const containers = await source.list({ all: true });
        const stats = await this.stats.forContainers(host.id, source, containers);
        return {
          groups: [
            {
              key: null,
              title: host.name,
              subtitle: {
                ssh: 'Docker over SSH',
                'engine-api': 'Docker Engine',
                'pull-agent': 'Docker pull agent',
              }[host.kind],
              members: containers.map((c) => toResource(c, stats.get(c.id))),
            },
          ],
          observations: { containers: containers.map(observeSummary) },
        };
      },
    }));
  }
}
