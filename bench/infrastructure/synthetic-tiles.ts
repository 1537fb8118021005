import {
  InfraOverview,
  InfraTileDetail,
  type InfraHealth,
  type InfraHealthCounts,
  type InfraResource,
  type InfraSource,
  type InfraTile,
} from '@archnest/contract';

const GiB = 1024 ** 3;

/** Guests as a Proxmox node reports them: mostly running, some stopped, a few with tags. */
function member(node: string, i: number): InfraResource {
  const vmid = 1000 + i;
  const stopped = i % 10 === 9;
  const lxc = i % 3 === 2;
  return {
    id: `${lxc ? 'lxc' : 'qemu'}/${vmid}`,
    name: `guest-${vmid}`,
    type: lxc ? 'lxc' : 'vm',
    status: stopped ? 'stopped' : 'running',
    health: stopped ? 'off' : 'ok',
    cpu: stopped ? 0 : (i % 97) / 100,
    memoryUsedBytes: stopped ? 0 : ((i % 4) + 1) * 0.9 * GiB,
    memoryTotalBytes: 4 * GiB,
    diskUsedBytes: 3 * GiB,
    diskTotalBytes: 32 * GiB,
    uptimeSeconds: stopped ? 0 : 3600 + i * 17,
    tags: i % 7 === 0 ? ['prod', 'web'] : [],
    details: [
      { label: 'VMID', value: String(vmid) },
      { label: 'Node', value: node },
      { label: 'CPUs', value: '2' },
    ],
  };
}

function counts(members: InfraResource[]): InfraHealthCounts {
  const c: Record<InfraHealth, number> = { ok: 0, warning: 0, error: 0, off: 0, unknown: 0 };
  for (const m of members) c[m.health] += 1;
  return c;
}

export interface SyntheticInfra {
  overview: InfraOverview;
  details: Map<string, InfraTileDetail>;
}

/** One source with a node tile per size, checked against the contract so the app accepts every byte. */
export function syntheticInfra(sizes: Record<string, number>): SyntheticInfra {
  const now = new Date().toISOString();
  const source: InfraSource = {
    id: 'integration:bench',
    kind: 'proxmox',
    name: 'bench-cluster',
    state: 'ok',
    lastSuccessAt: now,
    lastAttemptAt: now,
    error: null,
    pollIntervalSeconds: 30,
    refreshable: true,
  };
  const details = new Map<string, InfraTileDetail>();
  const tiles: InfraTile[] = [];
  for (const [node, size] of Object.entries(sizes)) {
    const members = Array.from({ length: size }, (_, i) => member(node, i));
    const c = counts(members);
    const tile: InfraTile = {
      id: `${source.id}:node:${node}`,
      sourceId: source.id,
      kind: 'proxmox',
      title: node,
      subtitle: source.name,
      health: 'ok',
      memberCount: size,
      counts: c,
      summary: `${c.ok} of ${size} running`,
    };
    tiles.push(tile);
    details.set(tile.id, InfraTileDetail.parse({ tile, source, members }));
  }
  return { overview: InfraOverview.parse({ generatedAt: now, sources: [source], tiles }), details };
}
