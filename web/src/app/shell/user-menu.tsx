import { ChevronDown, LogOut } from 'lucide-react';
import { useNavigate } from 'react-router';
import {
  MenuContent,
  MenuItem,
  MenuLabel,
  MenuRoot,
  MenuSeparator,
  MenuTrigger,
} from '../../components/ui/menu';
import { useCurrentUser } from '../../lib/current-user-context';
import { useSignOut } from '../../features/auth/use-sign-out';
import { settingsHref } from '../../lib/settings-href';
import { settingsTabs } from '../settings/settings-tabs';

const menuTabs = settingsTabs.filter((tab) =>
  ['profile', 'appearance', 'security', 'api-keys'].includes(tab.id),
);

export function UserMenu() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const signOut = useSignOut();
  return (
    <MenuRoot>
      <MenuTrigger
        aria-label={`Account menu for ${user.username}`}
        className="flex items-center gap-2 rounded-ui-sm py-1 pr-2 pl-1 transition hover:bg-surface-2 data-[state=open]:bg-surface-2"
      >
        <span
          aria-hidden
          className="flex h-7 w-7 items-center justify-center rounded-full bg-accent text-[0.85rem] font-semibold text-accent-fg uppercase"
        >
          {user.username.slice(0, 1)}
        </span>
        <span className="hidden max-w-40 truncate font-medium sm:inline">{user.username}</span>
        <ChevronDown aria-hidden size={15} className="text-muted" />
      </MenuTrigger>
      <MenuContent>
        <MenuLabel>
          Signed in as <span className="font-medium text-fg">{user.username}</span>
          <span className="block capitalize">{user.role}</span>
        </MenuLabel>
        <MenuSeparator />
        {menuTabs.map(({ id, label, icon: Icon }) => (
          <MenuItem key={id} onSelect={() => void navigate(settingsHref(id))}>
            <Icon aria-hidden size={16} className="text-muted" />
            {label}
          </MenuItem>
        ))}
        <MenuSeparator />
        <MenuItem tone="danger" onSelect={() => void signOut()}>
          <LogOut aria-hidden size={16} />
          Sign out
        </MenuItem>
      </MenuContent>
    </MenuRoot>
  );
}
