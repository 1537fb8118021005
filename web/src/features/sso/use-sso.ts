import { endpoints, type SsoUser, type UpdateSsoSettingsBody } from '@archnest/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { describeError } from '../../api/api-error';
import { callApi } from '../../api/call-api';
import { queryKeys } from '../../api/query-keys';

const settingsKey = ['admin', 'sso', 'settings'] as const;
const usersKey = ['admin', 'sso', 'users'] as const;

export function useSsoSettings() {
  return useQuery({
    queryKey: settingsKey,
    queryFn: ({ signal }) => callApi(endpoints.getSsoSettings, undefined, { signal }),
    retry: false,
  });
}

/** Errors are shown inline by the form. */
export function useSaveSsoSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateSsoSettingsBody) => callApi(endpoints.updateSsoSettings, { body }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(settingsKey, saved);
      await queryClient.invalidateQueries({ queryKey: queryKeys.authStatus });
      toast.success('Single sign-on settings saved');
    },
  });
}

export function useTestSso() {
  return useMutation({ mutationFn: () => callApi(endpoints.testSsoSettings) });
}

export function useSsoUsers() {
  return useQuery({
    queryKey: usersKey,
    queryFn: ({ signal }) => callApi(endpoints.listSsoUsers, undefined, { signal }),
  });
}

export function usePinSsoRole() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, pinned }: { id: string; pinned: boolean }) =>
      callApi(endpoints.pinSsoRole, { params: { id }, body: { pinned } }),
    // The checkbox follows the click at once; the server's answer (or a refetch on error) settles it.
    onMutate: ({ id, pinned }) => {
      queryClient.setQueryData<SsoUser[]>(usersKey, (users) =>
        users?.map((u) => (u.id === id ? { ...u, rolePinned: pinned } : u)),
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: usersKey }),
    onSuccess: (user) => {
      toast.success(
        user.rolePinned ? `Role of ${user.username} pinned` : `Role of ${user.username} follows groups`,
      );
    },
    onError: (error) => toast.error(describeError(error)),
  });
}

export function useUnlinkSsoUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id }: { id: string; username: string }) =>
      callApi(endpoints.unlinkSsoUser, { params: { id } }),
    onSuccess: (_, { username }) => {
      void queryClient.invalidateQueries({ queryKey: usersKey });
      toast.success(`${username} is no longer linked`);
    },
    onError: (error) => toast.error(describeError(error)),
  });
}
