import {
  defaultContainersPreferences,
  endpoints,
  type BulkActionBody,
  type ContainerState,
  type Preferences,
} from '@archnest/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { describeError } from '../../api/api-error';
import { callApi } from '../../api/call-api';
import { queryKeys } from '../../api/query-keys';
import { usePreferences } from '../../api/use-preferences';
import { LIST_REFRESH_MS } from './use-containers';

export interface TableFilter {
  host: string;
  state: ContainerState | '';
  name: string;
}

/** Every host's containers in one answer; a host that is down is a row in `hosts` with its error. */
export function useAllContainers(all: boolean, filter: TableFilter) {
  return useQuery({
    queryKey: [...queryKeys.allContainers, all, filter.host, filter.state] as const,
    queryFn: ({ signal }) =>
      callApi(
        endpoints.listAllContainers,
        {
          query: {
            all: all ? 'true' : 'false',
            ...(filter.host ? { host: filter.host } : {}),
            ...(filter.state ? { state: filter.state } : {}),
          },
        },
        { signal },
      ),
    refetchInterval: LIST_REFRESH_MS,
    placeholderData: (previous) => previous,
  });
}

/** "Show stopped", kept in the user's server-side preferences so it follows them to any browser. */
export function useShowStopped(): [boolean, (next: boolean) => void, boolean] {
  const preferences = usePreferences();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (showStopped: boolean) =>
      callApi(endpoints.updatePreferences, { body: { containers: { showStopped } } }),
    onMutate: (showStopped) =>
      queryClient.setQueryData<Preferences>(queryKeys.preferences, (old) =>
        old ? { ...old, containers: { ...old.containers, showStopped } } : old,
      ),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.preferences, saved),
    onError: async (error) => {
      toast.error(`Could not save “Show stopped”: ${describeError(error)}`);
      await queryClient.invalidateQueries({ queryKey: queryKeys.preferences });
    },
  });
  const value = (preferences.data?.containers ?? defaultContainersPreferences).showStopped;
  return [value, (next) => save.mutate(next), preferences.isPending];
}

export function useBulkAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkActionBody) => callApi(endpoints.bulkContainerAction, { body }),
    onError: (error) => toast.error(`Bulk action failed: ${describeError(error)}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['docker'] }),
  });
}
