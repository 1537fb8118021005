import type { InfraResource } from '@archnest/contract';
import { describe, expect, it } from 'vitest';
import { countNoun } from '../../lib/count-noun';
import { memberSubtitle } from './member-subtitle';

const base: InfraResource = {
  id: '8c1f0b7e-4a9d-4e43-9a51-1f2b3c4d5e6f',
  name: 'bastion',
  type: 'host',
  status: 'key trusted',
  health: 'unknown',
  cpu: null,
  memoryUsedBytes: null,
  memoryTotalBytes: null,
  diskUsedBytes: null,
  diskTotalBytes: null,
  uptimeSeconds: null,
  tags: [],
  details: [{ label: 'Address', value: 'ops@10.0.0.5:22' }],
};

describe('memberSubtitle', () => {
  it('shows an SSH host by its address, not its internal id', () => {
    expect(memberSubtitle(base)).toBe('ops@10.0.0.5:22');
  });
  it('keeps the vendor id when there is no address', () => {
    expect(memberSubtitle({ ...base, id: '101', details: [] })).toBe('101');
  });
});

describe('countNoun', () => {
  it('pluralises by count', () => {
    expect(countNoun(1, 'member')).toBe('1 member');
    expect(countNoun(0, 'member')).toBe('0 members');
    expect(countNoun(1234, 'member')).toBe('1,234 members');
  });
});
