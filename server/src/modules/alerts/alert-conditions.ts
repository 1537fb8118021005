import type { AlertCondition, ConditionKind } from '@archnest/contract';
import type { AlertSubject, SubjectKind } from './alert-subject';
import type { RestartTracker } from './restart-tracker';

/** Which subjects a condition looks at: a container rule never sees a Proxmox guest. */
export const CONDITION_SUBJECT: Record<ConditionKind, SubjectKind> = {
  container_exited: 'container',
  container_unhealthy: 'container',
  container_restart_loop: 'container',
  container_cpu_above: 'container',
  container_memory_above: 'container',
  agent_host_stale: 'source',
  source_failing: 'source',
  proxmox_node_offline: 'proxmox-node',
  proxmox_guest_stopped: 'proxmox-guest',
  kuma_monitor_down: 'monitor',
  ssh_host_unreachable: 'ssh-host',
};

export interface EvalContext {
  restarts: RestartTracker;
  /** Whether a user stopped this container through ArchNest (so its exit is expected). */
  stoppedByUser(subject: AlertSubject): boolean;
  now: number;
}

/** Null when the condition is clear; else the message in plain words. */
export function evaluate(condition: AlertCondition, s: AlertSubject, ctx: EvalContext): string | null {
  const c = s.container;
  switch (condition.kind) {
    case 'container_exited': {
      if (!c) return null;
      const nonZero = c.state === 'dead' || (c.state === 'exited' && c.exitCode !== null && c.exitCode !== 0);
      if (!nonZero || ctx.stoppedByUser(s)) return null;
      return c.state === 'dead'
        ? `Container ${s.name} on ${s.host} is dead.`
        : `Container ${s.name} on ${s.host} exited with code ${c.exitCode}.`;
    }
    case 'container_unhealthy':
      return c?.health === 'unhealthy' ? `Container ${s.name} on ${s.host} is unhealthy.` : null;
    case 'container_restart_loop': {
      const n = ctx.restarts.count(s.key, condition.windowMinutes * 60_000, ctx.now);
      return n >= condition.restarts
        ? `Container ${s.name} on ${s.host} restarted ${n} times in ${condition.windowMinutes} min.`
        : null;
    }
    case 'container_cpu_above':
      return c?.cpuPercent != null && c.cpuPercent > condition.percent
        ? `Container ${s.name} on ${s.host} uses ${c.cpuPercent.toFixed(1)} % CPU (above ${condition.percent} %).`
        : null;
    case 'container_memory_above': {
      if (c?.memoryBytes == null || !c.memoryLimitBytes) return null;
      const used = (c.memoryBytes / c.memoryLimitBytes) * 100;
      return used > condition.percent
        ? `Container ${s.name} on ${s.host} uses ${used.toFixed(1)} % of its memory limit (above ${condition.percent} %).`
        : null;
    }
    case 'agent_host_stale':
      return s.sourceKind === 'agent' && s.stale ? `Agent host ${s.name} stopped reporting.` : null;
    case 'source_failing':
      return s.error ? `${s.name} cannot be read: ${s.error.message}` : null;
    case 'proxmox_node_offline':
      return s.nodeOffline ? `Proxmox node ${s.name} is offline.` : null;
    case 'proxmox_guest_stopped':
      return s.status === 'stopped' ? `Proxmox guest ${s.name} on ${s.host} is stopped.` : null;
    case 'kuma_monitor_down':
      return s.status === 'down' ? `Monitor ${s.name} (${s.host}) is down.` : null;
    case 'ssh_host_unreachable':
      return s.status === 'down'
        ? `SSH host ${s.name} is unreachable: ${s.detail ?? 'the port check failed.'}`
        : null;
  }
}
