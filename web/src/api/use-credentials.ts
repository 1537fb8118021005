import {
  endpoints,
  type CreateCredentialBody,
  type Credential,
  type UpdateCredentialBody,
} from '@archnest/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { callApi } from './call-api';
import { queryKeys } from './query-keys';

export function useCredentials(enabled = true) {
  return useQuery({
    queryKey: queryKeys.credentials,
    queryFn: ({ signal }) => callApi(endpoints.listCredentials, undefined, { signal }),
    enabled,
  });
}

function useRefreshCredentials() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.credentials }),
      queryClient.invalidateQueries({ queryKey: queryKeys.hosts }),
      queryClient.invalidateQueries({ queryKey: queryKeys.adminAudit }),
    ]);
}

/** Errors are shown inline by the dialog that submitted. */
export function useSaveCredential() {
  const refresh = useRefreshCredentials();
  return useMutation({
    mutationFn: (
      input: { id: string; body: UpdateCredentialBody } | { id: null; body: CreateCredentialBody },
    ) =>
      input.id === null
        ? callApi(endpoints.createCredential, { body: input.body })
        : callApi(endpoints.updateCredential, { params: { id: input.id }, body: input.body }),
    onSuccess: async (credential, input) => {
      toast.success(`Credential ${credential.name} ${input.id === null ? 'created' : 'saved'}`);
      await refresh();
    },
  });
}

export function useDeleteCredential() {
  const refresh = useRefreshCredentials();
  return useMutation({
    mutationFn: (credential: Credential) =>
      callApi(endpoints.deleteCredential, { params: { id: credential.id } }),
    onSuccess: async (_, credential) => {
      toast.success(`Credential ${credential.name} deleted`);
      await refresh();
    },
  });
}
