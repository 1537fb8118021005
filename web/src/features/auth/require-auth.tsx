import { Navigate, Outlet, useLocation } from 'react-router';
import { FullPageError, FullPageLoading } from '../shell/full-page-state';
import { CurrentUserContext } from './current-user-context';
import { EnrolmentRequiredPage } from '../two-factor/enrolment-required-page';
import { useAuthStatus } from './use-auth-status';
import { useSignOut } from './use-sign-out';

export function RequireAuth() {
  const status = useAuthStatus();
  const location = useLocation();
  const signOut = useSignOut();
  if (status.isPending) return <FullPageLoading />;
  if (status.isError) return <FullPageError error={status.error} onRetry={() => void status.refetch()} />;
  if (status.data.setupRequired) return <Navigate to="/setup" replace />;
  if (!status.data.user) return <Navigate to="/login" replace state={{ from: location }} />;
  if (status.data.twoFactorEnrolmentRequired)
    return <EnrolmentRequiredPage onSignOut={() => void signOut()} />;
  return (
    <CurrentUserContext value={status.data.user}>
      <Outlet />
    </CurrentUserContext>
  );
}
