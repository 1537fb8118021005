import {
  endpoints,
  type CreateIntegrationBody,
  type Integration,
  type UpdateIntegrationBody,
} from '@archnest/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { describeError } from '../../api/api-error';
import { callApi } from '../../api/call-api';
import { queryKeys } from '../../api/query-keys';

export function useIntegrations() {
  return useQuery({
    queryKey: queryKeys.integrations,
    queryFn: ({ signal }) => callApi(endpoints.listIntegrations, undefined, { signal }),
  });
}

/** A saved or removed integration changes what the Infrastructure page shows as well. */
function useRefreshIntegrations() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      [queryKeys.integrations, queryKeys.infrastructure, queryKeys.adminAudit].map((queryKey) =>
        queryClient.invalidateQueries({ queryKey }),
      ),
    );
}

export type SaveIntegrationInput =
  { id: string; body: UpdateIntegrationBody } | { id: null; body: CreateIntegrationBody };

/** Errors are shown inline by the dialog that submitted. */
export function useSaveIntegration() {
  const refresh = useRefreshIntegrations();
  return useMutation({
    mutationFn: (input: SaveIntegrationInput) =>
      input.id === null
        ? callApi(endpoints.createIntegration, { body: input.body })
        : callApi(endpoints.updateIntegration, { params: { id: input.id }, body: input.body }),
    onSuccess: async (integration, input) => {
      toast.success(
        input.id === null ? `Integration ${integration.name} added` : `Integration ${integration.name} saved`,
      );
      await refresh();
    },
  });
}

export function useDeleteIntegration() {
  const refresh = useRefreshIntegrations();
  return useMutation({
    mutationFn: (integration: Integration) =>
      callApi(endpoints.deleteIntegration, { params: { id: integration.id } }),
    onSuccess: async (_, integration) => {
      toast.success(`Integration ${integration.name} removed`);
      await refresh();
    },
  });
}

/** The answer is shown inline where the test was started. */
export function useTestIntegration() {
  return useMutation({
    mutationFn: (id: string) => callApi(endpoints.testIntegration, { params: { id } }),
  });
}

/** Trusts exactly the certificate a test saw; the caller tests again afterwards. */
export function usePinCertificate() {
  const refresh = useRefreshIntegrations();
  return useMutation({
    mutationFn: (input: { id: string; sha256: string }) =>
      callApi(endpoints.updateIntegration, {
        params: { id: input.id },
        body: { tls: { pinnedSha256: input.sha256 } },
      }),
    onSuccess: async (integration) => {
      toast.success(`Certificate pinned for ${integration.name}`);
      await refresh();
    },
    onError: (error) => toast.error(`Could not pin the certificate: ${describeError(error)}`),
  });
}
