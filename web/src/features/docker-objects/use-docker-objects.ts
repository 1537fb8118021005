import {
  accountEndpoints,
  endpoints,
  type ImageDetail,
  type NetworkDetail,
  type PruneKind,
  type VolumeDetail,
} from '@archnest/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../api/call-api';
import { queryKeys } from '../../api/query-keys';

export type ObjectKind = PruneKind;

/** Everything on this page lives under the host's key, so a change refreshes every list at once. */
const key = (hostId: string, ...rest: (string | boolean)[]) => [...queryKeys.dockerHost(hostId), ...rest];

export function useIsAdmin(): boolean {
  const status = useQuery({
    queryKey: queryKeys.authStatus,
    queryFn: ({ signal }) => callApi(accountEndpoints.authStatus, undefined, { signal }),
    staleTime: 30_000,
  });
  return status.data?.user?.role === 'admin';
}

export function useDockerHostList() {
  return useQuery({
    queryKey: queryKeys.dockerHosts,
    queryFn: ({ signal }) => callApi(endpoints.listDockerHosts, undefined, { signal }),
  });
}

export function useImages(hostId: string) {
  return useQuery({
    queryKey: key(hostId, 'images'),
    queryFn: ({ signal }) => callApi(endpoints.listImages, { params: { id: hostId } }, { signal }),
  });
}

export function useVolumes(hostId: string) {
  return useQuery({
    queryKey: key(hostId, 'volumes'),
    queryFn: ({ signal }) => callApi(endpoints.listVolumes, { params: { id: hostId } }, { signal }),
  });
}

export function useNetworks(hostId: string) {
  return useQuery({
    queryKey: key(hostId, 'networks'),
    queryFn: ({ signal }) => callApi(endpoints.listNetworks, { params: { id: hostId } }, { signal }),
  });
}

/** One object in detail; `ref` is an image id/reference, a volume name or a network id. */
export function useObjectDetail(hostId: string, kind: ObjectKind, ref: string) {
  return useQuery<ImageDetail | VolumeDetail | NetworkDetail>({
    queryKey: key(hostId, kind, 'detail', ref),
    queryFn: ({ signal }) => {
      if (kind === 'images')
        return callApi(endpoints.inspectImage, { params: { id: hostId, ref } }, { signal });
      if (kind === 'volumes')
        return callApi(endpoints.inspectVolume, { params: { id: hostId, name: ref } }, { signal });
      return callApi(endpoints.inspectNetwork, { params: { id: hostId, ref } }, { signal });
    },
  });
}

export function usePrunePreview(hostId: string, kind: ObjectKind, all: boolean) {
  return useQuery({
    queryKey: key(hostId, kind, 'prune-preview', all),
    queryFn: ({ signal }) => {
      const params = { id: hostId };
      if (kind === 'images')
        return callApi(
          endpoints.previewImagePrune,
          { params, query: { all: all ? 'true' : 'false' } },
          { signal },
        );
      if (kind === 'volumes') return callApi(endpoints.previewVolumePrune, { params }, { signal });
      return callApi(endpoints.previewNetworkPrune, { params }, { signal });
    },
    // A preview must say what would go now, not what went a minute ago.
    staleTime: 0,
    gcTime: 0,
  });
}

function useRefresh(hostId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      [queryKeys.dockerHost(hostId), queryKeys.adminAudit].map((queryKey) =>
        queryClient.invalidateQueries({ queryKey }),
      ),
    );
}

export function useRemoveObject(hostId: string, kind: ObjectKind) {
  const refresh = useRefresh(hostId);
  return useMutation({
    mutationFn: async ({ ref, force }: { ref: string; force: boolean }) => {
      const params = { id: hostId };
      if (kind === 'images')
        await callApi(endpoints.removeImage, {
          params: { ...params, ref },
          query: { force: force ? 'true' : 'false' },
        });
      else if (kind === 'volumes')
        await callApi(endpoints.removeVolume, { params: { ...params, name: ref } });
      else await callApi(endpoints.removeNetwork, { params: { ...params, ref } });
    },
    onSuccess: refresh,
  });
}

export function usePrune(hostId: string, kind: ObjectKind) {
  const refresh = useRefresh(hostId);
  return useMutation({
    mutationFn: ({ all }: { all: boolean }) => {
      const params = { id: hostId };
      if (kind === 'images') return callApi(endpoints.pruneImages, { params, body: { all } });
      if (kind === 'volumes') return callApi(endpoints.pruneVolumes, { params });
      return callApi(endpoints.pruneNetworks, { params });
    },
    onSuccess: refresh,
  });
}

export { useRefresh as useRefreshDockerObjects };
