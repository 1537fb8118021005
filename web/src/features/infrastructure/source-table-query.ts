import { InfraHealth, InfraResourceType, type InfraSourceMember } from '@archnest/contract';
import { healthOrder } from './health';

export const sourceSortKeys = [
  'name',
  'status',
  'node',
  'region',
  'cpu',
  'memory',
  'disk',
  'uptime',
] as const;
export type SourceSortKey = (typeof sourceSortKeys)[number];

/** What an integration's tab shows: all of it lives in the URL, so a view can be shared and reloaded. */
export interface SourceTableQuery {
  search: string;
  status: InfraHealth | 'all';
  type: InfraResourceType | 'all';
  node: string;
  tag: string;
  region: string;
  sort: SourceSortKey;
  descending: boolean;
}

export const defaultSourceQuery: SourceTableQuery = {
  search: '',
  status: 'all',
  type: 'all',
  node: '',
  tag: '',
  region: '',
  sort: 'name',
  descending: false,
};

export const sourceSortLabels: Record<SourceSortKey, string> = {
  name: 'Name',
  status: 'Status',
  node: 'Node',
  region: 'Region',
  cpu: 'CPU',
  memory: 'Memory',
  disk: 'Disk',
  uptime: 'Uptime',
};

const detail = (m: InfraSourceMember, label: string) =>
  m.details.find((d) => d.label === label)?.value ?? null;

/** A Proxmox guest's node: its tile's title, or the Node detail. */
export function nodeOf(m: InfraSourceMember): string | null {
  const node = m.group ?? detail(m, 'Node');
  return node && node !== '—' ? node : null;
}

export function regionOf(m: InfraSourceMember): string | null {
  return detail(m, 'Region');
}

/** Reads the query from the URL; anything unknown falls back to the default rather than failing. */
export function parseSourceQuery(params: URLSearchParams): SourceTableQuery {
  const status = InfraHealth.safeParse(params.get('status'));
  const type = InfraResourceType.safeParse(params.get('type'));
  const sort = params.get('sort');
  return {
    search: params.get('q') ?? '',
    status: status.success ? status.data : 'all',
    type: type.success ? type.data : 'all',
    node: params.get('node') ?? '',
    tag: params.get('tag') ?? '',
    region: params.get('region') ?? '',
    sort: sourceSortKeys.find((key) => key === sort) ?? 'name',
    descending: params.get('dir') === 'desc',
  };
}

/** Writes the query into `params` (the tab's `view` stays), leaving defaults out so URLs stay short. */
export function writeSourceQuery(params: URLSearchParams, query: SourceTableQuery): URLSearchParams {
  const next = new URLSearchParams(params);
  const set = (key: string, value: string, fallback: string) => {
    if (value === fallback) next.delete(key);
    else next.set(key, value);
  };
  set('q', query.search, '');
  set('status', query.status, 'all');
  set('type', query.type, 'all');
  set('node', query.node, '');
  set('tag', query.tag, '');
  set('region', query.region, '');
  set('sort', query.sort, 'name');
  set('dir', query.descending ? 'desc' : 'asc', 'asc');
  return next;
}

export interface SourceFacets {
  types: InfraResourceType[];
  nodes: string[];
  tags: string[];
  regions: string[];
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const sorted = (values: Iterable<string | null>) =>
  [...new Set([...values].filter((v): v is string => Boolean(v)))].sort(collator.compare);

/** The values each filter offers: only those the source has. */
export function sourceFacets(members: readonly InfraSourceMember[]): SourceFacets {
  return {
    types: [...new Set(members.map((m) => m.type))],
    nodes: sorted(members.map(nodeOf)),
    tags: sorted(members.flatMap((m) => m.tags)),
    regions: sorted(members.map(regionOf)),
  };
}

export interface IndexedSourceMember {
  member: InfraSourceMember;
  /** Lower-case name, id, node, tags and detail values, built once per answer rather than per keystroke. */
  haystack: string;
  node: string | null;
  region: string | null;
}

export function indexSourceMembers(members: readonly InfraSourceMember[]): IndexedSourceMember[] {
  return members.map((member) => ({
    member,
    node: nodeOf(member),
    region: regionOf(member),
    haystack: [
      member.name,
      member.id,
      member.group ?? '',
      ...member.tags,
      ...member.details.map((d) => d.value),
    ]
      .join('\n')
      .toLowerCase(),
  }));
}

const ratio = (used: number | null, total: number | null) => (used !== null && total ? used / total : null);

const numericKey: Record<
  Exclude<SourceSortKey, 'name' | 'node' | 'region'>,
  (m: InfraSourceMember) => number | null
> = {
  status: (m) => healthOrder.indexOf(m.health),
  cpu: (m) => m.cpu,
  memory: (m) => m.memoryUsedBytes ?? ratio(m.memoryUsedBytes, m.memoryTotalBytes),
  disk: (m) => m.diskUsedBytes,
  uptime: (m) => m.uptimeSeconds,
};

function compare(a: IndexedSourceMember, b: IndexedSourceMember, query: SourceTableQuery): number {
  const sign = query.descending ? -1 : 1;
  const byName = collator.compare(a.member.name, b.member.name);
  if (query.sort === 'name') return sign * byName;
  let x: string | number | null;
  let y: string | number | null;
  if (query.sort === 'node' || query.sort === 'region') {
    x = a[query.sort];
    y = b[query.sort];
  } else {
    x = numericKey[query.sort](a.member);
    y = numericKey[query.sort](b.member);
  }
  // Members without the sorted value go last in either direction.
  if (x === null || y === null) return x === y ? byName : x === null ? 1 : -1;
  const order =
    typeof x === 'string' && typeof y === 'string' ? collator.compare(x, y) : Number(x) - Number(y);
  return order === 0 ? byName : sign * order;
}

/** Filters then sorts. */
export function applySourceQuery(
  members: readonly IndexedSourceMember[],
  query: SourceTableQuery,
): InfraSourceMember[] {
  const needle = query.search.trim().toLowerCase();
  return members
    .filter(
      (m) =>
        (query.status === 'all' || m.member.health === query.status) &&
        (query.type === 'all' || m.member.type === query.type) &&
        (!query.node || m.node === query.node) &&
        (!query.region || m.region === query.region) &&
        (!query.tag || m.member.tags.includes(query.tag)) &&
        (!needle || m.haystack.includes(needle)),
    )
    .sort((a, b) => compare(a, b, query))
    .map((m) => m.member);
}
