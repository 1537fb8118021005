import { endpoints, type PersonalHostLogin } from '@archnest/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { callApi } from '../../api/call-api';

const key = (hostId: string) => ['hosts', hostId, 'my-credential'] as const;

/** Whether the signed-in user saved their own login for a per-user host (never the secret). */
export function useMyCredential(hostId: string) {
  return useQuery({
    queryKey: key(hostId),
    queryFn: ({ signal }) => callApi(endpoints.getMyHostCredential, { params: { id: hostId } }, { signal }),
  });
}

export function useSaveMyCredential(hostId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (login: PersonalHostLogin) =>
      callApi(endpoints.saveMyHostCredential, { params: { id: hostId }, body: login }),
    onSuccess: (saved) => {
      client.setQueryData(key(hostId), saved);
      toast.success('Your credential for this host is saved');
    },
  });
}

export function useClearMyCredential(hostId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => callApi(endpoints.clearMyHostCredential, { params: { id: hostId } }),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: key(hostId) });
      toast.success('Your credential for this host is cleared');
    },
  });
}
