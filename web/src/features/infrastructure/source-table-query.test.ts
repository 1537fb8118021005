import type { InfraSourceMember } from '@archnest/contract';
import { describe, expect, it } from 'vitest';
import {
  applySourceQuery,
  defaultSourceQuery,
  indexSourceMembers,
  parseSourceQuery,
  sourceFacets,
  writeSourceQuery,
} from './source-table-query';

function member(
  over: Partial<InfraSourceMember> & Pick<InfraSourceMember, 'id' | 'name'>,
): InfraSourceMember {
  return {
    type: 'vm',
    status: 'running',
    health: 'ok',
    cpu: null,
    memoryUsedBytes: null,
    memoryTotalBytes: null,
    diskUsedBytes: null,
    diskTotalBytes: null,
    uptimeSeconds: null,
    tags: [],
    details: [],
    tileId: 't',
    group: null,
    ...over,
  };
}

const guests = [
  member({ id: 'qemu/110', name: 'guest-10', group: 'pve2', cpu: 0.5, diskUsedBytes: 10, tags: ['prod'] }),
  member({ id: 'lxc/200', name: 'DNS', type: 'lxc', group: 'pve1', tags: ['infra', 'prod'], cpu: 0.1 }),
  member({
    id: 'qemu/102',
    name: 'guest-2',
    group: 'pve10',
    status: 'stopped',
    health: 'off',
    diskUsedBytes: 30,
  }),
];
const instances = [
  member({ id: 'i-1', name: 'api', type: 'instance', details: [{ label: 'Region', value: 'us-east-1' }] }),
  member({
    id: 'i-2',
    name: 'batch',
    type: 'instance',
    details: [{ label: 'Region', value: 'eu-central-1' }],
  }),
  member({ id: 'i-3', name: 'cache', type: 'instance', details: [{ label: 'Region', value: 'us-east-1' }] }),
];
const names = (list: InfraSourceMember[]) => list.map((m) => m.name);

describe('an integration tab’s query', () => {
  it('offers only the types, nodes (natural order), tags and regions the source has', () => {
    expect(sourceFacets(guests)).toEqual({
      types: ['vm', 'lxc'],
      nodes: ['pve1', 'pve2', 'pve10'],
      tags: ['infra', 'prod'],
      regions: [],
    });
    expect(sourceFacets(instances).regions).toEqual(['eu-central-1', 'us-east-1']);
  });

  it('filters by status, type, node, tag, region and search together', () => {
    const g = indexSourceMembers(guests);
    const q = defaultSourceQuery;
    expect(names(applySourceQuery(g, { ...q, status: 'off' }))).toEqual(['guest-2']);
    expect(names(applySourceQuery(g, { ...q, type: 'lxc' }))).toEqual(['DNS']);
    expect(names(applySourceQuery(g, { ...q, node: 'pve2' }))).toEqual(['guest-10']);
    expect(names(applySourceQuery(g, { ...q, tag: 'prod' }))).toEqual(['DNS', 'guest-10']);
    expect(names(applySourceQuery(g, { ...q, tag: 'prod', type: 'vm' }))).toEqual(['guest-10']);
    expect(names(applySourceQuery(g, { ...q, search: 'PVE10' }))).toEqual(['guest-2']);
    const i = indexSourceMembers(instances);
    expect(names(applySourceQuery(i, { ...q, region: 'us-east-1' }))).toEqual(['api', 'cache']);
  });

  it('sorts by name naturally, by node, by disk, and puts members without the value last', () => {
    const g = indexSourceMembers(guests);
    const q = defaultSourceQuery;
    expect(names(applySourceQuery(g, q))).toEqual(['DNS', 'guest-2', 'guest-10']);
    expect(names(applySourceQuery(g, { ...q, sort: 'node' }))).toEqual(['DNS', 'guest-10', 'guest-2']);
    expect(names(applySourceQuery(g, { ...q, sort: 'disk', descending: true }))).toEqual([
      'guest-2',
      'guest-10',
      'DNS',
    ]);
    expect(names(applySourceQuery(g, { ...q, sort: 'cpu' }))).toEqual(['DNS', 'guest-10', 'guest-2']);
  });

  it('round-trips through the URL, keeps the tab, leaves defaults out and ignores junk', () => {
    const base = new URLSearchParams({ view: 'integration:abc' });
    const query = {
      ...defaultSourceQuery,
      search: 'web',
      node: 'pve1',
      sort: 'cpu' as const,
      descending: true,
    };
    const written = writeSourceQuery(base, query);
    expect(written.toString()).toBe('view=integration%3Aabc&q=web&node=pve1&sort=cpu&dir=desc');
    expect(parseSourceQuery(written)).toEqual(query);
    expect(writeSourceQuery(written, defaultSourceQuery).toString()).toBe('view=integration%3Aabc');
    expect(parseSourceQuery(new URLSearchParams('status=bogus&type=x&sort=drop'))).toEqual(
      defaultSourceQuery,
    );
  });
});
