import type { InfraResource } from '@archnest/contract';
import { describe, expect, it } from 'vitest';
import { applyMemberQuery, defaultMemberQuery, indexMembers } from './member-query';

function resource(over: Partial<InfraResource> & Pick<InfraResource, 'id' | 'name'>): InfraResource {
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
    ...over,
  };
}

const members = indexMembers([
  resource({ id: 'qemu/110', name: 'guest-10', cpu: 0.5, uptimeSeconds: 100 }),
  resource({ id: 'lxc/200', name: 'DNS', type: 'lxc', tags: ['infra'], cpu: 0.1 }),
  resource({
    id: 'qemu/102',
    name: 'guest-2',
    status: 'stopped',
    health: 'off',
    details: [{ label: 'Node', value: 'pve-east' }],
  }),
]);

const names = (query: Partial<typeof defaultMemberQuery>) =>
  applyMemberQuery(members, { ...defaultMemberQuery, ...query }).map((r) => r.name);

describe('applyMemberQuery', () => {
  it('sorts names the way people count (guest-2 before guest-10), ignoring case', () => {
    expect(names({})).toEqual(['DNS', 'guest-2', 'guest-10']);
    expect(names({ descending: true })).toEqual(['guest-10', 'guest-2', 'DNS']);
  });

  it('searches name, id, tags and detail values without regard to case', () => {
    expect(names({ search: 'dns' })).toEqual(['DNS']);
    expect(names({ search: 'QEMU/110' })).toEqual(['guest-10']);
    expect(names({ search: 'infra' })).toEqual(['DNS']);
    expect(names({ search: 'pve-east' })).toEqual(['guest-2']);
    expect(names({ search: 'nothing-like-this' })).toEqual([]);
  });

  it('filters by health', () => {
    expect(names({ health: 'off' })).toEqual(['guest-2']);
    expect(names({ health: 'error' })).toEqual([]);
  });

  it('keeps members without the sorted figure last in both directions', () => {
    expect(names({ sort: 'cpu' })).toEqual(['DNS', 'guest-10', 'guest-2']);
    expect(names({ sort: 'cpu', descending: true })).toEqual(['guest-10', 'DNS', 'guest-2']);
    expect(names({ sort: 'uptime', descending: true })).toEqual(['guest-10', 'DNS', 'guest-2']);
  });

  it('orders by status with the least healthy first, then by name', () => {
    expect(names({ sort: 'status' })).toEqual(['guest-2', 'DNS', 'guest-10']);
  });
});
