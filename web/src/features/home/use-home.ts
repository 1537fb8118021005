import { endpoints } from '@archnest/contract';
import { useQuery } from '@tanstack/react-query';
import { callApi } from '../../api/call-api';
import { queryKeys } from '../../api/query-keys';

/** The Home summary; `/api/events` invalidates it when checks, polls or alerts change what it shows. */
export function useHome() {
  return useQuery({
    queryKey: queryKeys.home,
    queryFn: ({ signal }) => callApi(endpoints.home, undefined, { signal }),
  });
}
