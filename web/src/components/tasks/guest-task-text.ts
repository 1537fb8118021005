import type { GuestPowerAction, GuestTask } from '@archnest/contract';

export const guestActionLabels: Record<GuestPowerAction, string> = {
  start: 'Start',
  shutdown: 'Shut down',
  stop: 'Stop',
  reboot: 'Reboot',
  suspend: 'Suspend',
  resume: 'Resume',
};

export function guestTaskTitle(task: GuestTask): string {
  const guest = task.guestName ?? `${task.guestType === 'qemu' ? 'VM' : 'CT'} ${task.vmid}`;
  const action = guestActionLabels[task.action];
  switch (task.state) {
    case 'running':
      return `${action} ${guest}: running${task.ha ? ' (HA request)' : ''}`;
    case 'ok':
      return `${action} ${guest}: done`;
    case 'failed':
      return `${action} ${guest} failed: ${task.exitStatus ?? 'unknown error'}`;
    case 'lost':
      return `${action} ${guest}: outcome unknown (Proxmox stopped answering about the task)`;
  }
}
