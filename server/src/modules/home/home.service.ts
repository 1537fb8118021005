import type {
  HomeProblem,
  HomeRecentHost,
  HomeSource,
  HomeSummary,
  HostReachability,
  OnboardingStep,
} from '@archnest/contract';
import type { AuthContext } from '../../auth/auth-context';
import type { Clock } from '../../clock';
import type { AgentReportsService } from '../agents/agent-reports.service';
import type { DockerHostsService } from '../containers/docker-hosts.service';
import { viewerOf } from '../hosts/host-access';
import type { HostsService } from '../hosts/hosts.service';
import type { HostVisibility } from '../infrastructure/host-visibility';
import type { InfrastructureService } from '../infrastructure/infrastructure.service';
import type { IntegrationsService } from '../integrations/integrations.service';
import type { ReachabilityService } from '../reachability/reachability.service';
import type { TerminalService } from '../terminal/terminal.service';
import type { RecentHostsRepo } from './recent-hosts.repo';
import { emptyCounts, type SourceCounts } from './source-counts';

const RECENT_HOSTS = 6;

export interface HomeDeps {
  hosts: HostsService;
  dockerHosts: DockerHostsService;
  integrations: IntegrationsService;
  agentReports: AgentReportsService;
  infrastructure: InfrastructureService;
  visibility: HostVisibility;
  reachability: ReachabilityService;
  terminals: TerminalService;
  recent: RecentHostsRepo;
  counts: SourceCounts;
  clock: Clock;
}

/** Where each kind of problem is looked at. */
const SOURCE_HREF: Record<HomeSource['kind'], string> = {
  proxmox: '/infrastructure',
  'aws-ec2': '/infrastructure',
  'uptime-kuma': '/infrastructure',
  docker: '/containers',
  agent: '/settings?tab=agents',
  ssh: '/settings?tab=hosts',
};

/**
 * The Home page in one answer, computed from what the server already holds (the Infrastructure cache,
 * the poll counts, the reachability results, live terminal sessions) and filtered by per-host access
 * exactly like the Infrastructure page.
 */
export class HomeService {
  constructor(private readonly deps: HomeDeps) {}

  async summary(auth: AuthContext): Promise<HomeSummary> {
    const d = this.deps;
    const viewer = viewerOf(auth);
    const [hosts, dockerHosts, integrations, agents, hidden, recent] = await Promise.all([
      d.hosts.listFor(viewer),
      d.dockerHosts.listFor(viewer),
      d.integrations.list(),
      d.agentReports.listHosts(),
      d.visibility.hiddenFor(viewer),
      d.recent.forUser(auth.user.id, RECENT_HOSTS),
    ]);
    const overview = d.infrastructure.overview();
    const reach = new Map<string, HostReachability>(hosts.map((h) => [h.id, d.reachability.forHost(h)]));

    const onboarding: OnboardingStep[] = [
      {
        key: 'ssh_host',
        label: 'Add an SSH host',
        done: hosts.length > 0,
        href: '/settings?tab=hosts&add=1',
      },
      {
        key: 'docker_host',
        label: 'Add a Docker host',
        done: dockerHosts.length > 0,
        href: '/settings?tab=docker',
      },
      {
        key: 'integration',
        label: 'Connect an integration (Proxmox, AWS EC2, Uptime Kuma)',
        done: integrations.length > 0,
        href: '/settings?tab=integrations',
      },
      {
        key: 'agent',
        label: 'Install the Docker agent on a host',
        done: agents.length > 0,
        href: '/settings?tab=agents',
      },
    ];

    const totals = emptyCounts();
    const sources: HomeSource[] = [];
    const problems: HomeProblem[] = [];
    for (const source of overview.sources) {
      if (hidden?.sources.has(source.id)) continue;
      const tiles = overview.tiles.filter((t) => t.sourceId === source.id);
      if (source.kind === 'ssh') continue; // SSH hosts are counted per visible host below.
      const counts = d.counts.get(source.id);
      if (counts) {
        totals.containers.running += counts.containers.running;
        totals.containers.stopped += counts.containers.stopped;
        totals.containers.unhealthy += counts.containers.unhealthy;
        totals.guests.running += counts.guests.running;
        totals.guests.stopped += counts.guests.stopped;
        totals.monitors.up += counts.monitors.up;
        totals.monitors.down += counts.monitors.down;
      }
      const worst = tiles.map((t) => t.health);
      sources.push({
        id: source.id,
        kind: source.kind,
        name: source.name,
        state: source.state,
        error: source.error?.message ?? null,
        lastSuccessAt: source.lastSuccessAt,
        summary: tiles.map((t) => t.summary).join(' · ') || 'Waiting for the first poll',
        health:
          source.state === 'error'
            ? 'error'
            : ((['error', 'warning', 'ok', 'off'] as const).find((h) => worst.includes(h)) ?? 'unknown'),
      });
      if (source.state === 'error') {
        problems.push({
          kind: 'source_failing',
          since: null,
          title: `${source.name} cannot be read`,
          detail: source.error?.message ?? 'The last poll failed.',
          href: SOURCE_HREF[source.kind],
        });
      }
    }
    for (const agent of agents) {
      if (!agent.stale || hidden?.sources.has(`agent:${agent.label}`)) continue;
      problems.push({
        kind: 'agent_stale',
        title: `Agent ${agent.label} stopped reporting`,
        detail: `It reports every ${agent.intervalSeconds} s; last report`,
        since: agent.lastReportAt,
        href: '/settings?tab=agents',
      });
    }
    let up = 0;
    let down = 0;
    for (const h of hosts) {
      const r = reach.get(h.id);
      if (r?.state === 'up') up += 1;
      if (r?.state === 'down') {
        down += 1;
        problems.push({
          kind: 'host_unreachable',
          since: null,
          title: `SSH host ${h.name} is unreachable`,
          detail: r.error ?? 'The port check failed.',
          href: '/settings?tab=hosts',
        });
      }
    }

    const byId = new Map(hosts.map((h) => [h.id, h]));
    const recentHosts: HomeRecentHost[] = recent.flatMap(({ hostId, lastUsedAt }) => {
      const h = byId.get(hostId);
      const r = reach.get(hostId);
      return h && r
        ? [{ hostId, name: h.name, address: `${h.address}:${h.port}`, lastUsedAt, reachability: r }]
        : [];
    });
    // Nothing opened yet: offer the first hosts so Connect is one click away on day one.
    if (recentHosts.length === 0) {
      for (const h of hosts.slice(0, RECENT_HOSTS)) {
        const r = reach.get(h.id);
        if (r)
          recentHosts.push({
            hostId: h.id,
            name: h.name,
            address: `${h.address}:${h.port}`,
            lastUsedAt: null,
            reachability: r,
          });
      }
    }

    return {
      generatedAt: d.clock.now().toISOString(),
      canSetUp: auth.user.role === 'admin',
      onboarding,
      totals: { ...totals, hosts: { total: hosts.length, up, down } },
      sources,
      recentHosts,
      sessions: d.terminals.live(auth),
      problems,
    };
  }
}
