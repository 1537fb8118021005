import type { InfraHealth, InfraHealthCounts, InfraResourceType } from '@archnest/contract';

export const healthOrder: readonly InfraHealth[] = ['error', 'warning', 'unknown', 'off', 'ok'];

export const healthLabels: Record<InfraHealth, string> = {
  ok: 'Healthy',
  warning: 'Warning',
  error: 'Down / failed',
  off: 'Stopped',
  unknown: 'Unknown',
};

/** Background colour of a dot or bar segment per health. */
export const healthFill: Record<InfraHealth, string> = {
  ok: 'bg-success',
  warning: 'bg-warning',
  error: 'bg-danger',
  off: 'bg-muted/50',
  unknown: 'bg-border',
};

export const healthTone: Record<InfraHealth, 'success' | 'warning' | 'danger' | 'neutral'> = {
  ok: 'success',
  warning: 'warning',
  error: 'danger',
  off: 'neutral',
  unknown: 'neutral',
};

export const typeLabels: Record<InfraResourceType, string> = {
  node: 'Node',
  vm: 'VM',
  lxc: 'LXC',
  instance: 'Instance',
  monitor: 'Monitor',
  container: 'Container',
  host: 'Host',
};

export function countsTotal(counts: InfraHealthCounts): number {
  return counts.ok + counts.warning + counts.error + counts.off + counts.unknown;
}
