import { useCurrentUser } from '../../lib/current-user-context';
import { ChannelsCard } from './channels-card';
import { RulesCard } from './rules-card';
import { SubscriptionsCard } from './subscriptions-card';

/** Settings › Notifications: admins define channels and rules; everyone picks their own subscriptions. */
export function NotificationsTab() {
  const admin = useCurrentUser().role === 'admin';
  return (
    <div className="flex flex-col gap-6">
      {admin ? <ChannelsCard /> : null}
      {admin ? <RulesCard /> : null}
      <SubscriptionsCard />
    </div>
  );
}
