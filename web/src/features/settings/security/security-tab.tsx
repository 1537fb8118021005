import { ChangePasswordCard } from './change-password-card';
import { LoginHistoryCard } from './login-history-card';
import { SessionsCard } from './sessions-card';

export function SecurityTab() {
  return (
    <div className="flex flex-col gap-6">
      <ChangePasswordCard />
      <SessionsCard />
      <LoginHistoryCard />
    </div>
  );
}
