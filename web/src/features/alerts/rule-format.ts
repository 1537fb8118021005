import type { AlertRule, ConditionKind } from '@archnest/contract';

export const conditionLabels: Record<ConditionKind, string> = {
  container_exited: 'Container exited unexpectedly (non-zero exit)',
  container_unhealthy: 'Container unhealthy',
  container_restart_loop: 'Container restart loop',
  container_cpu_above: 'Container CPU above a threshold (agent hosts)',
  container_memory_above: 'Container memory above a threshold (agent hosts)',
  agent_host_stale: 'Agent host stopped reporting',
  source_failing: 'Integration or host cannot be read',
  proxmox_node_offline: 'Proxmox node offline',
  proxmox_guest_stopped: 'Proxmox guest stopped',
  kuma_monitor_down: 'Uptime Kuma monitor down',
  ssh_host_unreachable: 'SSH host unreachable (port check)',
};

export function describeCondition(rule: AlertRule): string {
  const c = rule.condition;
  if (c.kind === 'container_cpu_above' || c.kind === 'container_memory_above')
    return `${conditionLabels[c.kind]}: ${c.percent} %`;
  if (c.kind === 'container_restart_loop') return `${c.restarts} restarts in ${c.windowMinutes} min`;
  return conditionLabels[c.kind];
}

export function describeScope(rule: AlertRule): string {
  const s = rule.scope;
  if (s.type === 'all') return 'Everything';
  if (s.type === 'host') return `Host ${s.host}`;
  if (s.type === 'name') return `Name ${s.pattern}`;
  return `Label ${s.label}`;
}
