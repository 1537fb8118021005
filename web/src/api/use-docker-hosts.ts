import {
  endpoints,
  type CreateDockerHostBody,
  type DockerHost,
  type UpdateDockerHostBody,
} from '@archnest/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { callApi } from './call-api';
import { queryKeys } from './query-keys';

export function useDockerHosts() {
  return useQuery({
    queryKey: queryKeys.dockerHosts,
    queryFn: ({ signal }) => callApi(endpoints.listDockerHosts, undefined, { signal }),
  });
}

function useRefreshDockerHosts() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      [queryKeys.dockerHosts, queryKeys.adminAudit].map((queryKey) =>
        queryClient.invalidateQueries({ queryKey }),
      ),
    );
}

/** Errors are shown inline by the dialog that submitted. */
export function useSaveDockerHost() {
  const refresh = useRefreshDockerHosts();
  return useMutation({
    mutationFn: (
      input: { id: string; body: UpdateDockerHostBody } | { id: null; body: CreateDockerHostBody },
    ) =>
      input.id === null
        ? callApi(endpoints.createDockerHost, { body: input.body })
        : callApi(endpoints.updateDockerHost, { params: { id: input.id }, body: input.body }),
    onSuccess: async (host, input) => {
      toast.success(input.id === null ? `Docker host ${host.name} added` : `Docker host ${host.name} saved`);
      await refresh();
    },
  });
}

export function useDeleteDockerHost() {
  const refresh = useRefreshDockerHosts();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (host: DockerHost) => callApi(endpoints.deleteDockerHost, { params: { id: host.id } }),
    onSuccess: async (_, host) => {
      toast.success(`Docker host ${host.name} deleted`);
      queryClient.removeQueries({ queryKey: queryKeys.dockerHost(host.id) });
      await refresh();
    },
  });
}

/** The answer is shown inline where the test was started. */
export function useTestDockerHost() {
  return useMutation({
    mutationFn: (hostId: string) => callApi(endpoints.testDockerHost, { params: { id: hostId } }),
  });
}
