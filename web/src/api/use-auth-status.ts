import { accountEndpoints } from '@archnest/contract';
import { useQuery } from '@tanstack/react-query';
import { callApi } from './call-api';
import { queryKeys } from './query-keys';

export function useAuthStatus() {
  return useQuery({
    queryKey: queryKeys.authStatus,
    queryFn: ({ signal }) => callApi(accountEndpoints.authStatus, undefined, { signal }),
    staleTime: 30_000,
  });
}
