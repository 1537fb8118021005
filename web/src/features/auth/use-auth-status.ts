import { accountEndpoints } from '@archnest/contract';
import { useQuery } from '@tanstack/react-query';
import { callApi } from '../../api/call-api';
import { queryKeys } from '../../api/query-keys';

export function useAuthStatus() {
  return useQuery({
    queryKey: queryKeys.authStatus,
    queryFn: ({ signal }) => callApi(accountEndpoints.authStatus, undefined, { signal }),
    staleTime: 30_000,
  });
}
