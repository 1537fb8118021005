import type { AuthStatus } from '@archnest/contract';
import type { QueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { queryKeys } from '../api/query-keys';
import type { SessionEndReason } from './client-session';

const messages: Record<SessionEndReason, string> = {
  signed_out: 'Signed out',
  expired: 'Your session has expired. Sign in again.',
  logout: 'You were signed out.',
  revoked: 'This session was ended from another session. Sign in again.',
  user_disabled: 'Your account was deactivated by an administrator.',
};

/** Drops every cached answer of the old session and returns to the login page. */
export function handleSessionEnd(queryClient: QueryClient, navigate: (to: string) => unknown) {
  return (reason: SessionEndReason) => {
    const sso = queryClient.getQueryData<AuthStatus>(queryKeys.authStatus)?.sso ?? null;
    queryClient.clear();
    queryClient.setQueryData<AuthStatus>(queryKeys.authStatus, { setupRequired: false, user: null, sso });
    void navigate('/login');
    if (reason === 'signed_out') toast.success(messages[reason], { id: 'session-end' });
    else toast.warning(messages[reason], { id: 'session-end', duration: 8000 });
  };
}
