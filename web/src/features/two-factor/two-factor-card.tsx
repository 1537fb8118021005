import { Card, CardBody, CardHeader } from '../../components/ui/card';
import { useCurrentUser } from '../../lib/current-user-context';
import { QueryStates } from '../../components/ui/states';
import { EnrolmentFlow } from './enrolment-flow';
import { ManageTwoFactor } from './manage-two-factor';
import { useTwoFactorStatus } from './use-two-factor-status';

/** Settings › Security: turn two-factor sign-in on, manage recovery codes, turn it off. */
export function TwoFactorCard() {
  const user = useCurrentUser();
  const status = useTwoFactorStatus();
  return (
    <Card>
      <CardHeader
        title="Two-factor sign-in"
        description="After your password, ArchNest asks for a code from an authenticator app."
      />
      <QueryStates query={status} loadingLabel="Loading two-factor state" />
      {status.isSuccess ? (
        <CardBody>
          {status.data.enabled ? (
            <ManageTwoFactor
              remaining={status.data.recoveryCodesRemaining}
              required={
                status.data.requirement === 'everyone' ||
                (status.data.requirement === 'admins' && user.role === 'admin')
              }
            />
          ) : (
            <EnrolmentFlow onDone={() => void status.refetch()} />
          )}
        </CardBody>
      ) : null}
    </Card>
  );
}
