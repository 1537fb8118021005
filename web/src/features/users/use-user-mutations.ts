import { endpoints, type CreateUserBody, type UpdateUserBody, type User } from '@archnest/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { callApi } from '../../api/call-api';
import { queryKeys } from '../../api/query-keys';
import { userErrorMessage } from './user-error-message';

export function useUsers() {
  return useQuery({
    queryKey: queryKeys.users,
    queryFn: ({ signal }) => callApi(endpoints.listUsers, undefined, { signal }),
  });
}

function useRefreshUsers() {
  const queryClient = useQueryClient();
  // Every user change is also an admin audit entry, so both lists go stale together.
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.users }),
      queryClient.invalidateQueries({ queryKey: queryKeys.adminAudit }),
    ]);
}

/** Errors are shown inline by the dialog that submitted, not as a toast. */
export function useCreateUser() {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: (body: CreateUserBody) => callApi(endpoints.createUser, { body }),
    onSuccess: async (user) => {
      toast.success(`User ${user.username} created`);
      await refresh();
    },
  });
}

export function useUpdateUser() {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: ({ user, change }: { user: User; change: UpdateUserBody }) =>
      callApi(endpoints.updateUser, { params: { id: user.id }, body: change }),
    onSuccess: async (updated, { change }) => {
      if (change.role)
        toast.success(`${updated.username} is now ${change.role === 'admin' ? 'an admin' : 'a member'}`);
      else if (change.active !== undefined)
        toast.success(
          change.active
            ? `${updated.username} was activated`
            : `${updated.username} was deactivated and signed out`,
        );
      await refresh();
    },
    onError: (error) => toast.error(userErrorMessage(error)),
  });
}

export function useResetUserPassword() {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: ({ user, password }: { user: User; password: string }) =>
      callApi(endpoints.resetUserPassword, { params: { id: user.id }, body: { password } }),
    onSuccess: async (_, { user }) => {
      toast.success(`New password set for ${user.username}; their sessions were signed out`);
      await refresh();
    },
  });
}

export function useDeleteUser() {
  const refresh = useRefreshUsers();
  return useMutation({
    mutationFn: (user: User) => callApi(endpoints.deleteUser, { params: { id: user.id } }),
    onSuccess: async (_, user) => {
      toast.success(`User ${user.username} deleted`);
      await refresh();
    },
  });
}
