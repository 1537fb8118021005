import { z } from 'zod';

/** Power actions on a hypervisor guest (Proxmox VE: `POST …/status/<action>`). */
export const guestPowerActions = ['start', 'shutdown', 'stop', 'reboot', 'suspend', 'resume'] as const;
export const GuestPowerAction = z.enum(guestPowerActions);
export type GuestPowerAction = z.infer<typeof GuestPowerAction>;

/** Actions that end or interrupt what runs in the guest: the UI asks before each. */
export const destructiveGuestActions: readonly GuestPowerAction[] = ['shutdown', 'stop', 'reboot', 'suspend'];

export const GuestType = z.enum(['qemu', 'lxc']);
export type GuestType = z.infer<typeof GuestType>;

export const GuestParams = z.object({
  id: z.string().min(1).max(64),
  node: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]{0,62}$/, 'a node name: letters, digits, dots and dashes'),
  guestType: GuestType,
  vmid: z.coerce.number().int().min(100).max(999_999_999),
});

export const GuestPowerBody = z
  .object({
    action: GuestPowerAction,
    /** shutdown only: stop the guest if it has not shut down after `timeoutSeconds`. */
    forceStop: z.boolean().optional(),
    /** shutdown only: seconds to wait for a clean shutdown (Proxmox's `timeout`). */
    timeoutSeconds: z.number().int().min(1).max(3600).optional(),
  })
  .strict();
export type GuestPowerBody = z.infer<typeof GuestPowerBody>;

export const GuestTaskParams = z.object({
  id: z.string().min(1).max(64),
  taskId: z.string().uuid(),
});

/**
 * One power action as ArchNest follows it. `state`: `running` while the hypervisor's task runs,
 * `ok` (exit status `OK` or `WARNINGS: N`), `failed` (any other exit status), `lost` (the task could not
 * be read any more; its outcome is unknown).
 */
export const GuestTask = z.object({
  id: z.string(),
  integrationId: z.string(),
  node: z.string(),
  guestType: GuestType,
  vmid: z.number().int(),
  guestName: z.string().nullable(),
  action: GuestPowerAction,
  /** The hypervisor's own task id (a Proxmox UPID). */
  upid: z.string(),
  /** The hypervisor's task type, e.g. `qmstart`, `vzstop`, `hastart`. */
  taskType: z.string(),
  /** Run through Proxmox's HA manager: the task only asks HA, which then changes the guest. */
  ha: z.boolean(),
  actor: z.string(),
  state: z.enum(['running', 'ok', 'failed', 'lost']),
  /** Proxmox's exit status once stopped: `OK`, `WARNINGS: 2`, or the error text. */
  exitStatus: z.string().nullable(),
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  /** The last log lines of the task (up to 20). */
  log: z.array(z.string()),
});
export type GuestTask = z.infer<typeof GuestTask>;
