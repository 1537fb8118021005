import type { AuthStatus } from '@archnest/contract';
import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../api/query-keys';
import { requestToaster } from './toaster-gate';
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
    requestToaster(); // keep it mounted on the login page for this message
    const sso = queryClient.getQueryData<AuthStatus>(queryKeys.authStatus)?.sso ?? null;
    queryClient.clear();
    queryClient.setQueryData<AuthStatus>(queryKeys.authStatus, {
      setupRequired: false,
      user: null,
      twoFactorEnrolmentRequired: false,
      sso,
    });
    void navigate('/login');
    // sonner is not part of the sign-in page's bundle (docs/PERFORMANCE.md); a signed-in page loaded it.
    void import('sonner').then(({ toast }) => {
      if (reason === 'signed_out') toast.success(messages[reason], { id: 'session-end' });
      else toast.warning(messages[reason], { id: 'session-end', duration: 8000 });
    });
  };
}
