import { endpoints, type FeatureName } from '@archnest/contract';
import { useQuery } from '@tanstack/react-query';
import { callApi } from '../api/call-api';
import { queryKeys } from '../api/query-keys';

export function useFeatures() {
  return useQuery({
    queryKey: queryKeys.features,
    queryFn: ({ signal }) => callApi(endpoints.features, undefined, { signal }),
    staleTime: 5 * 60_000,
  });
}

/** False until the server says otherwise: a locked control is better than one that fails. */
export function useFeature(name: FeatureName): boolean {
  return useFeatures().data?.features[name] ?? false;
}
