import type { GuestPowerAction, GuestType, InfraResource, InfraSource } from '@archnest/contract';

export interface GuestTarget {
  integrationId: string;
  node: string;
  guestType: GuestType;
  vmid: string;
}

/** A Proxmox guest's address from its Infrastructure listing (`qemu/100` on tile `…:node:pve1`). */
export function guestTarget(source: InfraSource, resource: InfraResource): GuestTarget | null {
  if (source.kind !== 'proxmox' || !source.id.startsWith('integration:')) return null;
  const [type, vmid] = resource.id.split('/');
  const node = resource.details.find((d) => d.label === 'Node')?.value;
  if ((type !== 'qemu' && type !== 'lxc') || !vmid || !node || node === '—') return null;
  return { integrationId: source.id.slice('integration:'.length), node, guestType: type, vmid };
}

/**
 * What makes sense in the guest's current state. LXC suspend and resume are experimental in Proxmox VE
 * and not offered; an unknown state (offline node) offers nothing.
 */
export function availableActions(type: GuestType, status: string): GuestPowerAction[] {
  if (status === 'stopped') return ['start'];
  if (status === 'paused' || status === 'suspended') return type === 'qemu' ? ['resume', 'stop'] : ['stop'];
  if (status === 'running') {
    return type === 'qemu' ? ['shutdown', 'reboot', 'suspend', 'stop'] : ['shutdown', 'reboot', 'stop'];
  }
  return [];
}

export const confirmText: Record<GuestPowerAction, string> = {
  start: '',
  resume: '',
  shutdown: 'asks the guest’s operating system to shut down cleanly.',
  stop: 'cuts the guest off at once, like pulling the power plug. Unsaved data in it is lost.',
  reboot: 'asks the guest’s operating system to restart.',
  suspend: 'pauses the VM in memory until it is resumed.',
};
