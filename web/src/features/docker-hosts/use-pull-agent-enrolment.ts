import { endpoints, type CreatePullAgentEnrolmentBody } from '@archnest/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { callApi } from '../../api/call-api';
import { queryKeys } from '../../api/query-keys';

export function useOpenPullAgentEnrolment() {
  return useMutation({
    mutationFn: (body: CreatePullAgentEnrolmentBody) => callApi(endpoints.createPullAgentEnrolment, { body }),
  });
}

export function useCompletePullAgentEnrolment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => callApi(endpoints.completePullAgentEnrolment, { params: { id } }),
    onSuccess: async (done) => {
      toast.success(`Pull agent ${done.host.name} enrolled`);
      await Promise.all(
        [queryKeys.dockerHosts, queryKeys.adminAudit].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      );
    },
  });
}
