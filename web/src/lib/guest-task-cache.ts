import type { GuestTask } from '@archnest/contract';
import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../api/query-keys';

/**
 * Puts a task update into its integration's task list; when the task has ended, the server has
 * already re-read the guest, so the Infrastructure data is read again at once.
 */
export function applyGuestTask(queryClient: QueryClient, task: GuestTask): void {
  queryClient.setQueryData<GuestTask[]>(queryKeys.guestTasks(task.integrationId), (list) => {
    if (!list) return list;
    const rest = list.filter((t) => t.id !== task.id);
    return list.some((t) => t.id === task.id)
      ? list.map((t) => (t.id === task.id ? task : t))
      : [task, ...rest];
  });
  if (task.state !== 'running') {
    void queryClient.invalidateQueries({ queryKey: queryKeys.infrastructure });
  }
}
