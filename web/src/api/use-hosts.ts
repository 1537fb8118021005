import {
  endpoints,
  type CreateHostBody,
  type Host,
  type ImportHostsBody,
  type UpdateHostBody,
} from '@archnest/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { callApi } from './call-api';
import { queryKeys } from './query-keys';
import { hostErrorMessage } from '../lib/host-error-message';

export function useHosts() {
  return useQuery({
    queryKey: queryKeys.hosts,
    queryFn: ({ signal }) => callApi(endpoints.listHosts, undefined, { signal }),
  });
}

export function useKnownHostKeys() {
  return useQuery({
    queryKey: queryKeys.knownHostKeys,
    queryFn: ({ signal }) => callApi(endpoints.listKnownHostKeys, undefined, { signal }),
  });
}

/** Host changes touch the host list, credential use counts, trusted keys and the admin audit log. */
export function useRefreshHosts() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      [queryKeys.hosts, queryKeys.credentials, queryKeys.knownHostKeys, queryKeys.adminAudit].map(
        (queryKey) => queryClient.invalidateQueries({ queryKey }),
      ),
    );
}

/** Errors are shown inline by the dialog that submitted. */
export function useSaveHost() {
  const refresh = useRefreshHosts();
  return useMutation({
    mutationFn: (input: { id: string; body: UpdateHostBody } | { id: null; body: CreateHostBody }) =>
      input.id === null
        ? callApi(endpoints.createHost, { body: input.body })
        : callApi(endpoints.updateHost, { params: { id: input.id }, body: input.body }),
    onSuccess: async (host, input) => {
      toast.success(input.id === null ? `Host ${host.name} added` : `Host ${host.name} saved`);
      await refresh();
    },
  });
}

export function useDeleteHost() {
  const refresh = useRefreshHosts();
  return useMutation({
    mutationFn: (host: Host) => callApi(endpoints.deleteHost, { params: { id: host.id } }),
    onSuccess: async (_, host) => {
      toast.success(`Host ${host.name} deleted`);
      await refresh();
    },
  });
}

export function useTestHost() {
  return useMutation({
    mutationFn: (hostId: string) => callApi(endpoints.testHost, { params: { id: hostId } }),
  });
}

export function useTrustHostKey() {
  const refresh = useRefreshHosts();
  return useMutation({
    mutationFn: (challengeId: string) => callApi(endpoints.trustHostKey, { body: { challengeId } }),
    onSuccess: async (key) => {
      toast.success(`Trusted the ${key.algorithm} key of ${key.address}:${key.port}`);
      await refresh();
    },
    onError: (error) => toast.error(hostErrorMessage(error)),
  });
}

export function useForgetHostKey() {
  const refresh = useRefreshHosts();
  return useMutation({
    mutationFn: (id: string) => callApi(endpoints.deleteKnownHostKey, { params: { id } }),
    onSuccess: async () => {
      toast.success('Host key forgotten; the next connection asks again');
      await refresh();
    },
  });
}

export function useImportPreview() {
  return useMutation({
    mutationFn: (text: string) => callApi(endpoints.importPreview, { body: { text } }),
  });
}

export function useImportHosts() {
  const refresh = useRefreshHosts();
  return useMutation({
    mutationFn: (body: ImportHostsBody) => callApi(endpoints.importHosts, { body }),
    onSuccess: async (hosts) => {
      toast.success(hosts.length === 1 ? 'Imported 1 host' : `Imported ${hosts.length} hosts`);
      await refresh();
    },
  });
}
