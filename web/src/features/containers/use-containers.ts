import { endpoints, type ContainerAction } from '@archnest/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { describeError } from '../../api/api-error';
import { callApi } from '../../api/call-api';
import { queryKeys } from '../../api/query-keys';

export const LIST_REFRESH_MS = 5_000;
export const STATS_REFRESH_MS = 3_000;

/** A host that is down still answers 200 with `error` set, so the page can say why per host. */
export function useContainerList(hostId: string, all: boolean) {
  return useQuery({
    queryKey: queryKeys.containers(hostId, all),
    queryFn: ({ signal }) =>
      callApi(
        endpoints.listContainers,
        { params: { id: hostId }, query: { all: all ? 'true' : 'false' } },
        { signal },
      ),
    refetchInterval: LIST_REFRESH_MS,
  });
}

export function useContainerDetail(hostId: string, ref: string) {
  return useQuery({
    queryKey: queryKeys.container(hostId, ref),
    queryFn: ({ signal }) => callApi(endpoints.inspectContainer, { params: { id: hostId, ref } }, { signal }),
    refetchInterval: 10_000,
  });
}

export function useContainerStats(hostId: string, ref: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.containerStats(hostId, ref),
    queryFn: ({ signal }) => callApi(endpoints.containerStats, { params: { id: hostId, ref } }, { signal }),
    enabled,
    refetchInterval: enabled ? STATS_REFRESH_MS : false,
  });
}

export function useContainerLogs(hostId: string, ref: string, timestamps: boolean, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.containerLogs(hostId, ref, timestamps),
    queryFn: ({ signal }) =>
      callApi(
        endpoints.containerLogs,
        {
          params: { id: hostId, ref },
          query: { tail: 200, timestamps: timestamps ? 'true' : 'false' },
        },
        { signal },
      ),
    enabled,
  });
}

const actionDone: Record<ContainerAction, string> = {
  start: 'started',
  stop: 'stopped',
  restart: 'restarted',
  pause: 'paused',
  unpause: 'resumed',
  remove: 'removed',
};

export interface ActionInput {
  hostId: string;
  ref: string;
  action: ContainerAction;
  force?: boolean;
}

/** Every action toasts its outcome and refreshes what the host shows. */
export function useContainerAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ hostId, ref, action, force }: ActionInput) =>
      callApi(endpoints.containerAction, {
        params: { id: hostId, ref, action },
        query: { force: force ? 'true' : 'false' },
      }),
    onSuccess: (_, { ref, action }) => toast.success(`${ref} ${actionDone[action]}`),
    onError: (error, { ref, action }) => toast.error(`Could not ${action} ${ref}: ${describeError(error)}`),
    onSettled: async (_, __, { hostId }) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.dockerHost(hostId) });
      await queryClient.invalidateQueries({ queryKey: queryKeys.allContainers });
    },
  });
}
