import type { AuthStatus, User } from '@archnest/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { queryKeys } from '../../api/query-keys';
import { markClientSessionStarted } from '../../lib/client-session';

/** After login or setup: seed the auth cache with the user so the shell renders without a refetch. */
export function useStartSession() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(
    (user: User, to = '/', twoFactorEnrolmentRequired = false) => {
      markClientSessionStarted();
      queryClient.setQueryData<AuthStatus>(queryKeys.authStatus, (prev) => ({
        setupRequired: false,
        user,
        twoFactorEnrolmentRequired,
        sso: prev?.sso ?? null,
      }));
      void navigate(to, { replace: true });
    },
    [queryClient, navigate],
  );
}
