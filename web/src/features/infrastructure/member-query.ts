import type { InfraHealth, InfraResource } from '@archnest/contract';
import { healthOrder } from './health';

export type MemberSortKey = 'name' | 'status' | 'cpu' | 'memory' | 'uptime';

export interface MemberQuery {
  search: string;
  health: InfraHealth | 'all';
  sort: MemberSortKey;
  descending: boolean;
}

export const defaultMemberQuery: MemberQuery = { search: '', health: 'all', sort: 'name', descending: false };

export const sortLabels: Record<MemberSortKey, string> = {
  name: 'Name',
  status: 'Status',
  cpu: 'CPU',
  memory: 'Memory',
  uptime: 'Uptime',
};

export interface IndexedMember {
  resource: InfraResource;
  /** Lower-case name, id, tags and detail values, built once per answer rather than per keystroke. */
  haystack: string;
}

export function indexMembers(members: readonly InfraResource[]): IndexedMember[] {
  return members.map((resource) => ({
    resource,
    haystack: [resource.name, resource.id, ...resource.tags, ...resource.details.map((d) => d.value)]
      .join('\n')
      .toLowerCase(),
  }));
}

const memoryRatio = (r: InfraResource) =>
  r.memoryUsedBytes !== null && r.memoryTotalBytes ? r.memoryUsedBytes / r.memoryTotalBytes : null;

const numericKey: Record<Exclude<MemberSortKey, 'name'>, (r: InfraResource) => number | null> = {
  status: (r) => healthOrder.indexOf(r.health),
  cpu: (r) => r.cpu,
  memory: (r) => r.memoryUsedBytes ?? memoryRatio(r),
  uptime: (r) => r.uptimeSeconds,
};

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Filters then sorts; members without the sorted value go last in either direction. */
export function applyMemberQuery(members: readonly IndexedMember[], query: MemberQuery): InfraResource[] {
  const needle = query.search.trim().toLowerCase();
  const kept = members
    .filter(
      (m) => (query.health === 'all' || m.resource.health === query.health) && m.haystack.includes(needle),
    )
    .map((m) => m.resource);
  const sign = query.descending ? -1 : 1;
  if (query.sort === 'name') return kept.sort((a, b) => sign * collator.compare(a.name, b.name));
  const key = numericKey[query.sort];
  return kept.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x === null || y === null) return x === y ? collator.compare(a.name, b.name) : x === null ? 1 : -1;
    return x === y ? collator.compare(a.name, b.name) : sign * (x - y);
  });
}
