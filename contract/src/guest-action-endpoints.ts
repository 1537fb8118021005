import { z } from 'zod';
import type { EndpointDef } from './endpoint';
import { GuestParams, GuestPowerBody, GuestTask, GuestTaskParams } from './guest-actions';
import { IntegrationParams } from './integrations';

/** Power actions on hypervisor guests and the tasks that carry them out (admin, pro edition). */
export const guestActionEndpoints = {
  guestPowerAction: {
    method: 'POST',
    path: '/api/integrations/:id/nodes/:node/guests/:guestType/:vmid/power',
    access: 'admin',
    feature: 'proxmoxPowerActions',
    tag: 'integrations',
    summary: 'Start, shut down, stop, reboot, suspend or resume a guest; answers with the task it follows',
    params: GuestParams,
    body: GuestPowerBody,
    status: 202,
    response: GuestTask,
  },
  listGuestTasks: {
    method: 'GET',
    path: '/api/integrations/:id/tasks',
    access: 'admin',
    feature: 'proxmoxPowerActions',
    tag: 'integrations',
    summary: 'Power-action tasks of one integration since the server started, newest first',
    params: IntegrationParams,
    status: 200,
    response: z.array(GuestTask),
  },
  getGuestTask: {
    method: 'GET',
    path: '/api/integrations/:id/tasks/:taskId',
    access: 'admin',
    feature: 'proxmoxPowerActions',
    tag: 'integrations',
    summary: 'One task: its state, exit status and last log lines',
    params: GuestTaskParams,
    status: 200,
    response: GuestTask,
  },
} as const satisfies Record<string, EndpointDef>;
