import { endpoints } from '@archnest/contract';
import { useQuery } from '@tanstack/react-query';
import { callApi } from '../../api/call-api';
import { queryKeys } from '../../api/query-keys';

/** The user list (admins only), for choosing who may use a host; shares the Users tab's cache. */
export function useUserChoices(enabled = true) {
  return useQuery({
    queryKey: queryKeys.users,
    queryFn: ({ signal }) => callApi(endpoints.listUsers, undefined, { signal }),
    enabled,
  });
}
