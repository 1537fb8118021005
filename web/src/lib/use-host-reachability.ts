import { endpoints, type HostReachability } from '@archnest/contract';
import { useQuery, type QueryClient } from '@tanstack/react-query';
import { callApi } from '../api/call-api';
import { queryKeys } from '../api/query-keys';

/** The last port check of every host the user may use, by host id; kept live by `/api/events`. */
export function useHostReachability() {
  return useQuery({
    queryKey: queryKeys.hostReachability,
    queryFn: ({ signal }) => callApi(endpoints.hostReachability, undefined, { signal }),
    select: (list) => new Map(list.map((r) => [r.hostId, r])),
  });
}

/** Merges the results of an `ssh_reachability` event into the cached list. */
export function applyReachability(queryClient: QueryClient, results: HostReachability[]): void {
  queryClient.setQueryData<HostReachability[]>(queryKeys.hostReachability, (old) => {
    if (!old) return old;
    const fresh = new Map(results.map((r) => [r.hostId, r]));
    const merged = old.map((r) => fresh.get(r.hostId) ?? r);
    for (const r of results) if (!old.some((o) => o.hostId === r.hostId)) merged.push(r);
    return merged;
  });
}
