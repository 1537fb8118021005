import { endpoints, type GuestPowerBody } from '@archnest/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../api/call-api';
import { queryKeys } from '../../api/query-keys';
import { showTaskToast } from '../../components/tasks/task-toast';
import { applyGuestTask } from '../../lib/guest-task-cache';
import type { GuestTarget } from './guest-actions';

export function useGuestPowerAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ target, body }: { target: GuestTarget; body: GuestPowerBody }) =>
      callApi(endpoints.guestPowerAction, {
        params: {
          id: target.integrationId,
          node: target.node,
          guestType: target.guestType,
          vmid: target.vmid,
        },
        body,
      }),
    onSuccess: (task) => {
      showTaskToast(task);
      applyGuestTask(queryClient, task);
    },
  });
}

/** Recent tasks of one integration; kept current by `guest_task` events, re-read on focus. */
export function useGuestTasks(integrationId: string) {
  return useQuery({
    queryKey: queryKeys.guestTasks(integrationId),
    queryFn: ({ signal }) => callApi(endpoints.listGuestTasks, { params: { id: integrationId } }, { signal }),
  });
}
