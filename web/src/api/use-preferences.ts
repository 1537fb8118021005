import { endpoints } from '@archnest/contract';
import { useQuery } from '@tanstack/react-query';
import { callApi } from './call-api';
import { queryKeys } from './query-keys';

export function usePreferences() {
  return useQuery({
    queryKey: queryKeys.preferences,
    queryFn: ({ signal }) => callApi(endpoints.getPreferences, undefined, { signal }),
    staleTime: 60_000,
  });
}
