import type { InfraResource, InfraSource } from '@archnest/contract';
import { describe, expect, it } from 'vitest';
import { availableActions, guestTarget } from './guest-actions';

const source = (kind: InfraSource['kind'], id = 'integration:abc'): InfraSource => ({
  id,
  kind,
  name: 'Homelab',
  state: 'ok',
  lastSuccessAt: null,
  lastAttemptAt: null,
  error: null,
  pollIntervalSeconds: 30,
  refreshable: true,
});

const guest = (id: string, node: string): InfraResource => ({
  id,
  name: 'dns',
  type: 'lxc',
  status: 'running',
  health: 'ok',
  cpu: null,
  memoryUsedBytes: null,
  memoryTotalBytes: null,
  diskUsedBytes: null,
  diskTotalBytes: null,
  uptimeSeconds: null,
  tags: [],
  details: [{ label: 'Node', value: node }],
});

describe('guest power actions in the member list', () => {
  it('addresses a Proxmox guest by integration, node, type and vmid', () => {
    expect(guestTarget(source('proxmox'), guest('lxc/200', 'pve1'))).toEqual({
      integrationId: 'abc',
      node: 'pve1',
      guestType: 'lxc',
      vmid: '200',
    });
    expect(guestTarget(source('aws-ec2'), guest('lxc/200', 'pve1'))).toBeNull();
    expect(guestTarget(source('proxmox'), guest('storage/local', 'pve1'))).toBeNull();
    expect(guestTarget(source('proxmox'), guest('qemu/105', '—'))).toBeNull();
  });

  it('offers what fits the state, and no LXC suspend or resume', () => {
    expect(availableActions('qemu', 'stopped')).toEqual(['start']);
    expect(availableActions('qemu', 'running')).toEqual(['shutdown', 'reboot', 'suspend', 'stop']);
    expect(availableActions('lxc', 'running')).toEqual(['shutdown', 'reboot', 'stop']);
    expect(availableActions('qemu', 'paused')).toEqual(['resume', 'stop']);
    expect(availableActions('lxc', 'unknown')).toEqual([]);
  });
});
