import {
  endpoints,
  type AlertHistoryQuery,
  type CreateChannelBody,
  type CreateRuleBody,
  type Subscription,
  type UpdateRuleBody,
} from '@archnest/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { callApi } from '../../api/call-api';
import { queryKeys } from '../../api/query-keys';

export function useAlertInbox() {
  return useQuery({
    queryKey: queryKeys.alertInbox,
    queryFn: ({ signal }) => callApi(endpoints.alertInbox, undefined, { signal }),
    refetchInterval: 60_000,
  });
}

export function useActiveAlerts() {
  return useQuery({
    queryKey: queryKeys.alertActive,
    queryFn: ({ signal }) => callApi(endpoints.activeAlerts, undefined, { signal }),
    refetchInterval: 30_000,
  });
}

export function useAlertHistory(filters: AlertHistoryQuery) {
  return useQuery({
    queryKey: queryKeys.alertHistory(filters),
    queryFn: ({ signal }) => callApi(endpoints.alertHistory, { query: filters }, { signal }),
  });
}

export function useAlertRules() {
  return useQuery({
    queryKey: queryKeys.alertRules,
    queryFn: ({ signal }) => callApi(endpoints.listAlertRules, undefined, { signal }),
  });
}

export function useAlertChannels(enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.alertChannels,
    queryFn: ({ signal }) => callApi(endpoints.listAlertChannels, undefined, { signal }),
    enabled,
  });
}

export function useDeliveries(channelId: string) {
  return useQuery({
    queryKey: queryKeys.alertDeliveries(channelId),
    queryFn: ({ signal }) =>
      callApi(endpoints.listAlertDeliveries, { params: { id: channelId } }, { signal }),
  });
}

export function useSubscriptions() {
  return useQuery({
    queryKey: queryKeys.alertSubscriptions,
    queryFn: ({ signal }) => callApi(endpoints.alertSubscriptions, undefined, { signal }),
  });
}

function useRefreshAlerts() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.alerts });
}

export function useMarkRead() {
  const refresh = useRefreshAlerts();
  return useMutation({
    mutationFn: (upToId: number) => callApi(endpoints.markAlertsRead, { body: { upToId } }),
    onSuccess: refresh,
  });
}

export function useSaveRule() {
  const refresh = useRefreshAlerts();
  return useMutation({
    mutationFn: (input: { id: null; body: CreateRuleBody } | { id: string; body: UpdateRuleBody }) =>
      input.id === null
        ? callApi(endpoints.createAlertRule, { body: input.body })
        : callApi(endpoints.updateAlertRule, { params: { id: input.id }, body: input.body }),
    onSuccess: refresh,
  });
}

export function useDeleteRule() {
  const refresh = useRefreshAlerts();
  return useMutation({
    mutationFn: (id: string) => callApi(endpoints.deleteAlertRule, { params: { id } }),
    onSuccess: refresh,
  });
}

export function useCreateChannel() {
  const refresh = useRefreshAlerts();
  return useMutation({
    mutationFn: (body: CreateChannelBody) => callApi(endpoints.createAlertChannel, { body }),
    onSuccess: refresh,
  });
}

export function useDeleteChannel() {
  const refresh = useRefreshAlerts();
  return useMutation({
    mutationFn: (id: string) => callApi(endpoints.deleteAlertChannel, { params: { id } }),
    onSuccess: refresh,
  });
}

export function useTestChannel() {
  const refresh = useRefreshAlerts();
  return useMutation({
    mutationFn: (id: string) => callApi(endpoints.testAlertChannel, { params: { id } }),
    onSuccess: refresh,
  });
}

export function useSaveSubscriptions() {
  const refresh = useRefreshAlerts();
  return useMutation({
    mutationFn: (subscriptions: Subscription[]) =>
      callApi(endpoints.putAlertSubscriptions, { body: { subscriptions } }),
    onSuccess: refresh,
  });
}

export function useMuteAlert() {
  const refresh = useRefreshAlerts();
  return useMutation({
    mutationFn: (input: { id: string; until: string | null }) =>
      callApi(endpoints.muteAlert, { params: { id: input.id }, body: { until: input.until } }),
    onSuccess: refresh,
  });
}
