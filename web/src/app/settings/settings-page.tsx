import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '../../components/ui/tabs';
import { AgentsTab } from '../../features/agents/agents-tab';
import { ApiKeysTab } from '../../features/api-keys/api-keys-tab';
import { NotificationsTab } from '../../features/alerts/notifications-tab';
import { AuditTab } from '../../features/audit/audit-tab';
import { useCurrentUser } from '../../lib/current-user-context';
import { CredentialsTab } from '../../features/credentials/credentials-tab';
import { DockerHostsTab } from '../../features/docker-hosts/docker-hosts-tab';
import { IntegrationsTab } from '../../features/integrations/integrations-tab';
import { HostsTab } from '../../features/hosts/hosts-tab';
import { UsersTab } from '../../features/users/users-tab';
import { AuthenticationTab } from '../../features/sso/authentication-tab';
import { AppearanceTab } from '../../features/settings/appearance-tab';
import { ProfileTab } from '../../features/settings/profile-tab';
import { SecurityTab } from '../../features/settings/security/security-tab';
import { BackupsTab } from '../../features/backups/backups-tab';
import { NoSuchTab } from './no-such-tab';
import { tabsFor, type SettingsTabId } from './settings-tabs';

const panels: Record<SettingsTabId, () => React.JSX.Element> = {
  profile: ProfileTab,
  appearance: AppearanceTab,
  security: SecurityTab,
  'api-keys': ApiKeysTab,
  notifications: NotificationsTab,
  hosts: HostsTab,
  docker: DockerHostsTab,
  agents: AgentsTab,
  integrations: IntegrationsTab,
  credentials: CredentialsTab,
  users: UsersTab,
  authentication: AuthenticationTab,
  audit: AuditTab,
  backups: BackupsTab,
};

export function SettingsPage() {
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const tabs = tabsFor(user.role);
  const requested = params.get('tab');
  // No tab named opens the profile; an unknown tab, or an admin tab for a member, says so instead.
  const active = requested === null ? 'profile' : tabs.find((tab) => tab.id === requested)?.id;

  useEffect(() => {
    if (requested === null) setParams({ tab: 'profile' }, { replace: true });
  }, [requested, setParams]);

  return (
    <div className="flex flex-col gap-6">
      <div>
        <h1 className="text-[1.6rem] font-semibold tracking-tight">Settings</h1>
        <p className="text-muted">
          Your account, how ArchNest looks, the machines it reaches and who can use it.
        </p>
      </div>
      <Tabs value={active ?? ''} onValueChange={(tab) => setParams({ tab })} activationMode="manual">
        {/* Wraps rather than scrolls: every tab stays in sight at any width. */}
        <TabsList aria-label="Settings sections" wrap>
          {tabs.map(({ id, label, icon: Icon }) => (
            <TabsTrigger key={id} value={id} icon={<Icon aria-hidden size={16} />}>
              {label}
            </TabsTrigger>
          ))}
        </TabsList>
        {active === undefined ? <NoSuchTab name={requested ?? ''} /> : null}
        {tabs.map(({ id }) => {
          const Panel = panels[id];
          return (
            <TabsContent key={id} value={id} className="pt-6 outline-none">
              <Panel />
            </TabsContent>
          );
        })}
      </Tabs>
    </div>
  );
}
