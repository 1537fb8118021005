import { endpoints, type ApiKey, type CreateApiKeyBody } from '@archnest/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { callApi } from '../../api/call-api';
import { queryKeys } from '../../api/query-keys';

/** Last use is recorded at most once a minute; reading as often keeps the list honest. */
const REFRESH_MS = 60_000;

export function useOwnApiKeys() {
  return useQuery({
    queryKey: queryKeys.ownApiKeys,
    queryFn: ({ signal }) => callApi(endpoints.listApiKeys, undefined, { signal }),
    refetchInterval: REFRESH_MS,
  });
}

export function useAllApiKeys() {
  return useQuery({
    queryKey: queryKeys.allApiKeys,
    queryFn: ({ signal }) => callApi(endpoints.adminListApiKeys, undefined, { signal }),
    refetchInterval: REFRESH_MS,
  });
}

export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateApiKeyBody) => callApi(endpoints.createApiKey, { body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys }),
  });
}

/** `asAdmin`: revoke through the admin route (any user's key); otherwise only one's own. */
export function useRevokeApiKey(asAdmin: boolean) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (key: ApiKey) =>
      callApi(asAdmin ? endpoints.adminRevokeApiKey : endpoints.revokeApiKey, { params: { id: key.id } }),
    onSuccess: (_, key) => {
      toast.success(`API key “${key.name}” revoked`);
      void queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys });
    },
  });
}
