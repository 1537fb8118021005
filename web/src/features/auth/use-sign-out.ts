import { accountEndpoints } from '@archnest/contract';
import { useCallback } from 'react';
import { callApi } from '../../api/call-api';
import { endClientSession, markSigningOut } from '../../lib/client-session';

export function useSignOut() {
  return useCallback(async () => {
    markSigningOut();
    try {
      await callApi(accountEndpoints.logout);
    } catch {
      // Signing out locally is still right when the server is unreachable or the session already ended.
    }
    endClientSession('signed_out');
  }, []);
}
