import { endpoints, type InfraSource } from '@archnest/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { describeError } from './api-error';
import { callApi } from './call-api';
import { queryKeys } from './query-keys';

/** The server answers from its poll cache, so reading it every few seconds costs it little. */
export const OVERVIEW_REFETCH_MS = 5_000;

export function useInfrastructureOverview() {
  return useQuery({
    queryKey: queryKeys.infrastructureOverview,
    queryFn: ({ signal }) => callApi(endpoints.infrastructureOverview, undefined, { signal }),
    refetchInterval: OVERVIEW_REFETCH_MS,
  });
}

/**
 * A big tile is megabytes of members, so it is not re-read on a timer: the overview (polled every few
 * seconds) carries the source's last successful poll, and a new one is a new key, fetched while the
 * previous members stay on screen.
 */
export function useInfrastructureTile(tileId: string, version: string | null) {
  return useQuery({
    queryKey: queryKeys.infrastructureTile(tileId, version),
    queryFn: ({ signal }) => callApi(endpoints.infrastructureTile, { params: { tileId } }, { signal }),
    placeholderData: keepPreviousData,
    // Superseded versions are dropped soon rather than after the default five minutes.
    gcTime: 15_000,
  });
}

/** Every member of one source for its tab; re-read, like a tile, when the source's last poll changes. */
export function useInfrastructureSourceMembers(sourceId: string, version: string | null) {
  return useQuery({
    queryKey: queryKeys.infrastructureSource(sourceId, version),
    queryFn: ({ signal }) =>
      callApi(endpoints.infrastructureSourceMembers, { params: { sourceId } }, { signal }),
    // The previous poll's members stay while the new ones load, but never another tab's.
    placeholderData: (previous, query) => (query?.queryKey[2] === sourceId ? previous : undefined),
    gcTime: 15_000,
  });
}

/** Poll state by integration id (`integration:<id>` sources), for the Settings list. */
export function integrationSources(sources: readonly InfraSource[] | undefined): Map<string, InfraSource> {
  const map = new Map<string, InfraSource>();
  for (const source of sources ?? []) {
    if (source.id.startsWith('integration:')) map.set(source.id.slice('integration:'.length), source);
  }
  return map;
}

export function useRefreshSource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (source: InfraSource) =>
      callApi(endpoints.refreshInfrastructureSource, { params: { sourceId: source.id } }),
    onSuccess: async (source) => {
      if (source.state === 'error')
        toast.error(`${source.name}: ${source.error?.message ?? 'the poll failed'}`);
      else toast.success(`${source.name} refreshed`);
      await queryClient.invalidateQueries({ queryKey: queryKeys.infrastructure });
    },
    onError: (error, source) => toast.error(`Could not refresh ${source.name}: ${describeError(error)}`),
  });
}
