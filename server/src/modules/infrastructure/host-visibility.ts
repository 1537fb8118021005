import type {
  InfraOverview,
  InfraResource,
  InfraSourceMembers,
  InfraTile,
  InfraTileDetail,
} from '@archnest/contract';
import type { DockerHostsService } from '../containers/docker-hosts.service';
import type { Viewer } from '../hosts/host-access';
import type { HostsService } from '../hosts/hosts.service';
import { sshSummary } from './providers/ssh-hosts.provider';
import { countHealth } from './tile-builder';

/** What one user may not see on the Infrastructure page: whole sources, and SSH hosts in the SSH tile. */
export interface HiddenResources {
  sources: Set<string>;
  sshHosts: Set<string>;
}

export const SSH_SOURCE_ID = 'ssh';

/** Per-host access applied to the shared Infrastructure cache; null when the user sees everything. */
export class HostVisibility {
  constructor(
    private readonly hosts: HostsService,
    private readonly dockerHosts: DockerHostsService,
  ) {}

  async hiddenFor(viewer: Viewer): Promise<HiddenResources | null> {
    if (viewer.role === 'admin') return null;
    const [all, mine, allDocker, myDocker] = await Promise.all([
      this.hosts.list(),
      this.hosts.listFor(viewer),
      this.dockerHosts.list(),
      this.dockerHosts.listFor(viewer),
    ]);
    const visibleHosts = new Set(mine.map((h) => h.id));
    const visibleDocker = new Set(myDocker.map((h) => h.id));
    const sshHosts = new Set(all.filter((h) => !visibleHosts.has(h.id)).map((h) => h.id));
    const sources = new Set(allDocker.filter((h) => !visibleDocker.has(h.id)).map((h) => `docker:${h.id}`));
    if (!sshHosts.size && !sources.size) return null;
    // The SSH tile of someone who may use no SSH host at all is not shown either.
    if (!mine.length) sources.add(SSH_SOURCE_ID);
    return { sources, sshHosts };
  }
}

export function visibleMembers<T extends InfraResource>(
  sourceId: string,
  members: T[],
  hidden: HiddenResources,
): T[] {
  return sourceId === SSH_SOURCE_ID ? members.filter((m) => !hidden.sshHosts.has(m.id)) : members;
}

/** The SSH tile recounted over the hosts the user may see. */
export function recountTile(tile: InfraTile, members: InfraResource[]): InfraTile {
  if (tile.sourceId !== SSH_SOURCE_ID) return tile;
  return {
    ...tile,
    memberCount: members.length,
    counts: countHealth(members),
    summary: sshSummary(members),
  };
}

export function filterOverview(
  overview: InfraOverview,
  hidden: HiddenResources,
  membersOf: (tileId: string) => InfraResource[] | undefined,
): InfraOverview {
  return {
    generatedAt: overview.generatedAt,
    sources: overview.sources.filter((s) => !hidden.sources.has(s.id)),
    tiles: overview.tiles
      .filter((t) => !hidden.sources.has(t.sourceId))
      .map((t) => {
        const members = membersOf(t.id);
        return members ? recountTile(t, visibleMembers(t.sourceId, members, hidden)) : t;
      }),
  };
}

export function filterDetail(detail: InfraTileDetail, hidden: HiddenResources): InfraTileDetail {
  const members = visibleMembers(detail.tile.sourceId, detail.members, hidden);
  return { ...detail, tile: recountTile(detail.tile, members), members };
}

export function filterSourceMembers(detail: InfraSourceMembers, hidden: HiddenResources): InfraSourceMembers {
  const members = visibleMembers(detail.source.id, detail.members, hidden);
  return { ...detail, tiles: detail.tiles.map((t) => recountTile(t, members)), members };
}
