import { lazy, Suspense } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { FullPageError, FullPageLoading } from '../components/ui/full-page-state';
import { CurrentUserContext } from '../lib/current-user-context';
import { useAuthStatus } from '../api/use-auth-status';
import { useSignOut } from '../features/auth/use-sign-out';

// Only a session held to two-factor enrolment needs this page (and its QR code library).
const EnrolmentRequiredPage = lazy(() =>
  import('../features/two-factor/enrolment-required-page').then((m) => ({
    default: m.EnrolmentRequiredPage,
  })),
);

export function RequireAuth() {
  const status = useAuthStatus();
  const location = useLocation();
  const signOut = useSignOut();
  if (status.isPending) return <FullPageLoading />;
  if (status.isError) return <FullPageError error={status.error} onRetry={() => void status.refetch()} />;
  if (status.data.setupRequired) return <Navigate to="/setup" replace />;
  if (!status.data.user) return <Navigate to="/login" replace state={{ from: location }} />;
  if (status.data.twoFactorEnrolmentRequired)
    return (
      <Suspense fallback={<FullPageLoading />}>
        <EnrolmentRequiredPage onSignOut={() => void signOut()} />
      </Suspense>
    );
  return (
    <CurrentUserContext value={status.data.user}>
      <Outlet />
    </CurrentUserContext>
  );
}
