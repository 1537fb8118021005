import type {
  InfraHealth,
  InfraHealthCounts,
  InfraResource,
  InfraSource,
  InfraTile,
} from '@archnest/contract';
import type { ResourceSnapshot } from './resource-source';

export interface BuiltTiles {
  tiles: InfraTile[];
  members: Map<string, InfraResource[]>;
}

/** Error beats warning beats ok beats off; a tile of nothing but unknowns is unknown. */
export function tileHealth(counts: InfraHealthCounts): InfraHealth {
  if (counts.error) return 'error';
  if (counts.warning) return 'warning';
  if (counts.ok) return 'ok';
  if (counts.off) return 'off';
  return 'unknown';
}

export function countHealth(members: readonly InfraResource[]): InfraHealthCounts {
  const counts: InfraHealthCounts = { ok: 0, warning: 0, error: 0, off: 0, unknown: 0 };
  for (const m of members) counts[m.health] += 1;
  return counts;
}

/** Tiles from one source's snapshot: one per group, ids stable across polls. */
export function buildTiles(source: Pick<InfraSource, 'id' | 'kind'>, snapshot: ResourceSnapshot): BuiltTiles {
  const tiles: InfraTile[] = [];
  const members = new Map<string, InfraResource[]>();
  for (const group of snapshot.groups) {
    const id = group.key ? `${source.id}:${group.key}` : source.id;
    const counts = countHealth(group.members);
    tiles.push({
      id,
      sourceId: source.id,
      kind: source.kind,
      title: group.title,
      subtitle: group.subtitle,
      health: group.health ?? tileHealth(counts),
      memberCount: group.members.length,
      counts,
      summary: group.summary ?? `${counts.ok} of ${group.members.length} running`,
    });
    members.set(id, group.members);
  }
  return { tiles, members };
}

/** Before any data arrived (or when the first poll failed) the source still shows as one tile. */
export function placeholderTile(source: InfraSource, subtitle: string | null): InfraTile {
  return {
    id: source.id,
    sourceId: source.id,
    kind: source.kind,
    title: source.name,
    subtitle,
    health: source.state === 'error' ? 'error' : 'unknown',
    memberCount: 0,
    counts: { ok: 0, warning: 0, error: 0, off: 0, unknown: 0 },
    summary:
      source.state === 'error' ? (source.error?.message ?? 'Poll failed') : 'Waiting for the first poll',
  };
}
