import { TwoFactorCard } from '../../two-factor/two-factor-card';
import { TwoFactorPolicyCard } from '../../two-factor/two-factor-policy-card';
import { useCurrentUser } from '../../../lib/current-user-context';
import { ChangePasswordCard } from './change-password-card';
import { LoginHistoryCard } from './login-history-card';
import { SessionsCard } from './sessions-card';

export function SecurityTab() {
  const user = useCurrentUser();
  return (
    <div className="flex flex-col gap-6">
      <ChangePasswordCard />
      <TwoFactorCard />
      {user.role === 'admin' ? <TwoFactorPolicyCard /> : null}
      <SessionsCard />
      <LoginHistoryCard />
    </div>
  );
}
