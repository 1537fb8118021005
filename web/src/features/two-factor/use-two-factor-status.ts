import { endpoints } from '@archnest/contract';
import { useQuery } from '@tanstack/react-query';
import { callApi } from '../../api/call-api';
import { queryKeys } from '../../api/query-keys';

export function useTwoFactorStatus() {
  return useQuery({
    queryKey: queryKeys.twoFactor,
    queryFn: ({ signal }) => callApi(endpoints.twoFactorStatus, undefined, { signal }),
  });
}
