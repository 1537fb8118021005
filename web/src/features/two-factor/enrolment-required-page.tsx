import { useQueryClient } from '@tanstack/react-query';
import { LogOut } from 'lucide-react';
import { queryKeys } from '../../api/query-keys';
import { Button } from '../../components/ui/button';
import { Card, CardBody, CardHeader } from '../../components/ui/card';
import { EnrolmentFlow } from './enrolment-flow';

/**
 * Shown instead of the app while the instance requires two-factor of this user and it is not on.
 * The server enforces the same: every other route answers 403 `two_factor_enrolment_required`.
 */
export function EnrolmentRequiredPage({ onSignOut }: { onSignOut: () => void }) {
  const queryClient = useQueryClient();
  return (
    <main className="flex min-h-screen items-start justify-center bg-bg px-4 py-10">
      <div className="flex w-full max-w-2xl flex-col gap-4">
        <h1 className="text-[1.45rem] font-semibold tracking-tight">Set up two-factor sign-in</h1>
        <p className="text-muted">
          This ArchNest requires two-factor sign-in for your account. Set it up to continue.
        </p>
        <Card>
          <CardHeader title="Authenticator app" />
          <CardBody>
            <EnrolmentFlow
              onDone={() => void queryClient.invalidateQueries({ queryKey: queryKeys.authStatus })}
            />
          </CardBody>
        </Card>
        <div>
          <Button variant="ghost" onClick={onSignOut}>
            <LogOut aria-hidden size={16} />
            Sign out
          </Button>
        </div>
      </div>
    </main>
  );
}
