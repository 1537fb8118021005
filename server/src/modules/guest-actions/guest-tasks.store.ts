import type { GuestTask } from '@archnest/contract';

/** Tasks kept per integration; older ones fall off (the audit trail keeps every action for good). */
export const TASKS_PER_INTEGRATION = 50;

/** The recent power-action tasks, in memory: they describe live work, not history. */
export class GuestTasksStore {
  private readonly byIntegration = new Map<string, GuestTask[]>();

  put(task: GuestTask): void {
    const list = this.byIntegration.get(task.integrationId) ?? [];
    const at = list.findIndex((t) => t.id === task.id);
    if (at >= 0) list[at] = task;
    else {
      list.unshift(task);
      if (list.length > TASKS_PER_INTEGRATION) list.length = TASKS_PER_INTEGRATION;
    }
    this.byIntegration.set(task.integrationId, list);
  }

  list(integrationId: string): GuestTask[] {
    return [...(this.byIntegration.get(integrationId) ?? [])];
  }

  get(integrationId: string, taskId: string): GuestTask | undefined {
    return this.byIntegration.get(integrationId)?.find((t) => t.id === taskId);
  }

  forget(integrationId: string): void {
    this.byIntegration.delete(integrationId);
  }
}
