import { endpoints, type AgentToken } from '@archnest/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { describeError } from './api-error';
import { callApi } from './call-api';
import { queryKeys } from './query-keys';

/** Agents push every ~30 s; reading every 10 s keeps the age and stale flag honest. */
export const AGENT_REFRESH_MS = 10_000;

export function useAgentHosts() {
  return useQuery({
    queryKey: queryKeys.agentHosts,
    queryFn: ({ signal }) => callApi(endpoints.listAgentHosts, undefined, { signal }),
    refetchInterval: AGENT_REFRESH_MS,
  });
}

export function useAgentHostContainers(label: string) {
  return useQuery({
    queryKey: queryKeys.agentHost(label),
    queryFn: ({ signal }) => callApi(endpoints.agentHostContainers, { params: { label } }, { signal }),
    refetchInterval: AGENT_REFRESH_MS,
  });
}

export function useAgentContainer(label: string, ref: string) {
  return useQuery({
    queryKey: queryKeys.agentContainer(label, ref),
    queryFn: ({ signal }) => callApi(endpoints.agentContainer, { params: { label, ref } }, { signal }),
    refetchInterval: AGENT_REFRESH_MS,
  });
}

export function useAgentTokens() {
  return useQuery({
    queryKey: queryKeys.agentTokens,
    queryFn: ({ signal }) => callApi(endpoints.listAgentTokens, undefined, { signal }),
  });
}

function useRefreshAgents() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      [queryKeys.agentTokens, queryKeys.agentHosts, queryKeys.adminAudit].map((queryKey) =>
        queryClient.invalidateQueries({ queryKey }),
      ),
    );
}

/** The answer carries the token: the dialog shows it once and it is never fetched again. */
export function useIssueAgentToken() {
  const refresh = useRefreshAgents();
  return useMutation({
    mutationFn: (hostLabel: string) => callApi(endpoints.issueAgentToken, { body: { hostLabel } }),
    onSuccess: async () => {
      await refresh();
    },
  });
}

export function useRevokeAgentToken() {
  const refresh = useRefreshAgents();
  return useMutation({
    mutationFn: (token: AgentToken) => callApi(endpoints.revokeAgentToken, { params: { id: token.id } }),
    onSuccess: async (_, token) => {
      toast.success(`Token for ${token.hostLabel} revoked`);
      await refresh();
    },
    onError: (error) => toast.error(`Could not revoke the token: ${describeError(error)}`),
  });
}

export function useDeleteAgentHost() {
  const refresh = useRefreshAgents();
  return useMutation({
    mutationFn: (label: string) => callApi(endpoints.deleteAgentHost, { params: { label } }),
    onSuccess: async (_, label) => {
      toast.success(`Agent host ${label} removed`);
      await refresh();
    },
    onError: (error) => toast.error(`Could not remove the host: ${describeError(error)}`),
  });
}
