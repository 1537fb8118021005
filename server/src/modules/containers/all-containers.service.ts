import type {
  AgentContainer,
  AgentHost,
  AllContainers,
  ContainerState,
  DockerHost,
  TableContainer,
  TableHost,
} from '@archnest/contract';
import type { Clock } from '../../clock';
import { containerState } from '../../docker/container-parse';
import type { AgentReportsService } from '../agents/agent-reports.service';
import type { Viewer } from '../hosts/host-access';
import type { ContainerSources } from './container-sources';
import type { ContainerStatsCache } from './container-stats-cache';
import type { DockerHostsService } from './docker-hosts.service';

export interface AllContainersQuery {
  /** Include stopped containers. */
  all: boolean;
  /** `docker:<id>` or `agent:<label>`: one host only. */
  host?: string;
  state?: ContainerState;
  /** Substring of the name, any case. */
  name?: string;
}

interface HostPart {
  host: TableHost;
  containers: TableContainer[];
}

/**
 * The Containers table across every source the user may see: Docker hosts (Engine API and SSH) are
 * asked in parallel, each within its own time bound, and agent hosts answer from their last report.
 * A host that fails or is slow gives its own error row; it never fails the whole answer.
 */
export class AllContainersService {
  constructor(
    private readonly dockerHosts: DockerHostsService,
    private readonly sources: ContainerSources,
    private readonly agents: AgentReportsService,
    private readonly stats: ContainerStatsCache,
    private readonly clock: Clock,
    /** Per host: listing plus its stats readings. */
    private readonly hostTimeoutMs: number,
  ) {}

  async list(viewer: Viewer, query: AllContainersQuery): Promise<AllContainers> {
    const [dockerHosts, agentHosts] = await Promise.all([
      this.dockerHosts.listFor(viewer),
      this.agents.listHosts(),
    ]);
    const wanted = (key: string) => query.host === undefined || query.host === key;
    const parts = await Promise.all([
      ...dockerHosts.filter((h) => wanted(`docker:${h.id}`)).map((h) => this.dockerPart(h, query.all)),
      ...agentHosts.filter((h) => wanted(`agent:${h.label}`)).map((h) => this.agentPart(h, query.all)),
    ]);
    const needle = query.name?.trim().toLowerCase() ?? '';
    const containers = parts
      .flatMap((p) => p.containers)
      .filter(
        (c) =>
          (query.state === undefined || c.state === query.state) && c.name.toLowerCase().includes(needle),
      )
      .sort((a, b) => a.hostName.localeCompare(b.hostName) || a.name.localeCompare(b.name));
    return { hosts: parts.map((p) => p.host), containers };
  }

  private async dockerPart(host: DockerHost, all: boolean): Promise<HostPart> {
    const key = `docker:${host.id}`;
    const base = { key, name: host.name, kind: host.kind, readOnly: false, stale: false };
    const fetchedAt = () => this.clock.now().toISOString();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${host.name} did not answer within ${this.hostTimeoutMs / 1000} s.`)),
        this.hostTimeoutMs,
      );
    });
    try {
      return await Promise.race([this.readDocker(host, key, all, base, fetchedAt), deadline]);
    } catch (error) {
      const message = error instanceof Error ? error.message : 'The host could not be read.';
      return { host: { ...base, error: message, fetchedAt: fetchedAt() }, containers: [] };
    } finally {
      clearTimeout(timer);
    }
  }

  private async readDocker(
    host: DockerHost,
    key: string,
    all: boolean,
    base: Omit<TableHost, 'error' | 'fetchedAt'>,
    fetchedAt: () => string,
  ): Promise<HostPart> {
    const { source } = await this.sources.forHost(host.id);
    const list = await source.list({ all });
    const read = fetchedAt();
    const stats = await this.stats.forContainers(host.id, source, list);
    return {
      host: { ...base, error: null, fetchedAt: read },
      containers: list.map((c) => {
        const s = stats.get(c.id);
        return {
          ...c,
          hostKey: key,
          hostName: host.name,
          cpuPercent: s?.cpuPercent ?? null,
          memoryBytes: s?.memoryBytes ?? null,
          memoryLimitBytes: s?.memoryLimitBytes ?? null,
        };
      }),
    };
  }

  private async agentPart(host: AgentHost, all: boolean): Promise<HostPart> {
    const key = `agent:${host.label}`;
    const base = { key, name: host.label, kind: 'agent' as const, readOnly: true, stale: host.stale };
    try {
      const latest = await this.agents.latestContainers(host.label);
      const containers = latest.containers
        .map((c) => toTableContainer(c, key, host.label))
        .filter((c) => all || c.state === 'running');
      return { host: { ...base, error: null, fetchedAt: host.lastReportAt }, containers };
    } catch (error) {
      const message = error instanceof Error ? error.message : 'The agent host could not be read.';
      return { host: { ...base, error: message, fetchedAt: host.lastReportAt }, containers: [] };
    }
  }
}

function toTableContainer(c: AgentContainer, hostKey: string, hostName: string): TableContainer {
  return {
    id: c.id,
    name: c.name,
    names: [c.name],
    image: c.image,
    createdAt: c.createdAt,
    state: containerState(c.state),
    status: c.status ?? c.state,
    labels: {},
    ports: c.ports,
    hostKey,
    hostName,
    cpuPercent: c.cpuPercent,
    memoryBytes: c.memoryBytes,
    memoryLimitBytes: c.memoryLimitBytes,
  };
}
