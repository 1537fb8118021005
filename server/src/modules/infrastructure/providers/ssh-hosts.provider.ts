import type { HostReachability, InfraHealth, InfraResource } from '@archnest/contract';
import type { HostsService } from '../../hosts/hosts.service';
import type { ReachabilityService } from '../../reachability/reachability.service';
import type { PolledSource, ResourceSourceProvider } from '../resource-source';

const POLL_SECONDS = 60;

const HEALTH: Record<HostReachability['state'], InfraHealth> = {
  up: 'ok',
  down: 'error',
  unknown: 'unknown',
};

/** "3 hosts", or once any host was checked "3 hosts · 2 up, 1 down". */
export function sshSummary(members: readonly InfraResource[]): string {
  const n = members.length;
  const hosts = `${n} host${n === 1 ? '' : 's'}`;
  const up = members.filter((m) => m.health === 'ok').length;
  const down = members.filter((m) => m.health === 'error').length;
  return up + down ? `${hosts} · ${up} up, ${down} down` : hosts;
}

function reachabilityDetails(r: HostReachability): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  if (r.latencyMs !== null) out.push({ label: 'Latency', value: `${r.latencyMs} ms` });
  if (r.error) out.push({ label: r.state === 'down' ? 'Unreachable' : 'Check', value: r.error });
  return out;
}

/**
 * The SSH host records as one tile. Health is the port check's (`ReachabilityService`: TCP and the
 * SSH banner, no login); the poll reads the database and that in-memory result, never the network.
 * Adding, editing or removing a host re-syncs at once (`onChange`); each check round refreshes it.
 */
export class SshHostsProvider implements ResourceSourceProvider {
  /** Bumped on every add, edit or removal, so the next sync replaces the source and polls at once. */
  private version = 0;

  constructor(
    private readonly hosts: HostsService,
    private readonly reachability: ReachabilityService,
  ) {}

  onChange(listener: () => Promise<void>): void {
    this.hosts.onChange(() => {
      this.version += 1;
      return listener();
    });
  }

  async sources(): Promise<PolledSource[]> {
    const any = (await this.hosts.list()).length > 0;
    if (!any) return [];
    return [
      {
        id: 'ssh',
        kind: 'ssh',
        name: 'SSH hosts',
        pollIntervalSeconds: POLL_SECONDS,
        reportedIntervalSeconds: POLL_SECONDS,
        timeoutMs: 5000,
        refreshable: true,
        revision: `ssh:${this.version}`,
        local: true,
        poll: async () => {
          const hosts = await this.hosts.list();
          const members: InfraResource[] = hosts.map((h) => {
            const r = this.reachability.forHost(h);
            return {
              id: h.id,
              name: h.name,
              type: 'host',
              status: r.state === 'unknown' ? 'not checked' : r.state,
              health: HEALTH[r.state],
              cpu: null,
              memoryUsedBytes: null,
              memoryTotalBytes: null,
              diskUsedBytes: null,
              diskTotalBytes: null,
              uptimeSeconds: null,
              tags: h.tags,
              details: [
                { label: 'Address', value: `${h.username}@${h.address}:${h.port}` },
                ...reachabilityDetails(r),
                ...(h.folder ? [{ label: 'Folder', value: h.folder }] : []),
                { label: 'Auth', value: h.authMethod },
                { label: 'Host key', value: h.hostKey ? 'trusted' : 'not yet trusted' },
              ],
            };
          });
          return {
            groups: [
              {
                key: null,
                title: 'SSH hosts',
                subtitle: null,
                summary: sshSummary(members),
                members,
              },
            ],
          };
        },
      },
    ];
  }
}
