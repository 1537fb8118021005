import { endpoints } from '@archnest/contract';
import { useQuery } from '@tanstack/react-query';
import { Command } from 'cmdk';
import { LogOut, PanelLeft, SquareTerminal, SunMoon } from 'lucide-react';
import { useEffect, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { callApi } from '../../api/call-api';
import { queryKeys } from '../../api/query-keys';
import { resolveTheme } from '../../lib/apply-appearance';
import { terminalHref } from '../../lib/terminal-href';
import { useCurrentUser } from '../../lib/current-user-context';
import { useSignOut } from '../../features/auth/use-sign-out';
import { usePreferences } from '../../api/use-preferences';
import { useUpdateAppearance } from '../../api/use-update-appearance';
import { settingsHref } from '../../lib/settings-href';
import { tabsFor } from '../settings/settings-tabs';
import { navEntries } from './nav-entries';

interface CommandPaletteProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}

function Item({ onSelect, icon, children }: { onSelect: () => void; icon: ReactNode; children: ReactNode }) {
  return (
    <Command.Item
      onSelect={onSelect}
      className="flex cursor-default items-center gap-3 rounded-ui-sm px-3 py-2 text-fg data-[selected=true]:bg-accent/12 data-[selected=true]:text-accent"
    >
      <span className="text-muted">{icon}</span>
      {children}
    </Command.Item>
  );
}

const groupClass =
  'px-1 py-1 [&_[cmdk-group-heading]]:px-3 [&_[cmdk-group-heading]]:py-1.5 [&_[cmdk-group-heading]]:text-[0.78rem] [&_[cmdk-group-heading]]:font-semibold [&_[cmdk-group-heading]]:text-muted';

/** "Connect to <host>" for every SSH host the user may use (read while the palette is open). */
function ConnectGroup({ run }: { run: (action: () => void) => void }) {
  const navigate = useNavigate();
  const hosts = useQuery({
    queryKey: queryKeys.hosts,
    queryFn: ({ signal }) => callApi(endpoints.listHosts, undefined, { signal }),
  });
  if (!hosts.data?.length) return null;
  return (
    <Command.Group heading="Connect" className={groupClass}>
      {hosts.data.map((host) => (
        <Item
          key={host.id}
          icon={<SquareTerminal size={16} />}
          onSelect={() => run(() => void navigate(terminalHref(host.id)))}
        >
          Connect to {host.name}
        </Item>
      ))}
    </Command.Group>
  );
}

export function CommandPalette({ open, onOpenChange }: CommandPaletteProps) {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const appearance = usePreferences().data?.appearance;
  const { update } = useUpdateAppearance();

  const run = (action: () => void) => {
    onOpenChange(false);
    action();
  };

  return (
    <Command.Dialog
      open={open}
      onOpenChange={onOpenChange}
      label="Command palette"
      overlayClassName="animate-overlay-in fixed inset-0 z-40 bg-black/45"
      contentClassName="fixed top-[18vh] left-1/2 z-50 w-[min(36rem,calc(100vw-2rem))] -translate-x-1/2 overflow-hidden rounded-ui-lg border border-border bg-surface shadow-2xl"
    >
      <Command.Input
        placeholder="Type a command or search…"
        className="h-12 w-full border-b border-border bg-transparent px-4 text-fg outline-none placeholder:text-muted focus-visible:outline-none"
      />
      <Command.List className="max-h-[min(26rem,60vh)] overflow-y-auto p-1">
        <Command.Empty className="px-4 py-6 text-center text-muted">No matching command.</Command.Empty>
        <Command.Group heading="Go to" className={groupClass}>
          {navEntries
            .filter((entry) => entry.to !== '/settings' && (!entry.adminOnly || user.role === 'admin'))
            .map(({ to, label, icon: Icon }) => (
              <Item key={to} icon={<Icon size={16} />} onSelect={() => run(() => void navigate(to))}>
                Go to {label}
              </Item>
            ))}
        </Command.Group>
        <Command.Group heading="Settings" className={groupClass}>
          {tabsFor(user.role).map(({ id, label, icon: Icon }) => (
            <Item
              key={id}
              icon={<Icon size={16} />}
              onSelect={() => run(() => void navigate(settingsHref(id)))}
            >
              Go to {label}
            </Item>
          ))}
        </Command.Group>
        <ConnectGroup run={run} />
        <Command.Group heading="Actions" className={groupClass}>
          <Item
            icon={<SunMoon size={16} />}
            onSelect={() =>
              run(() => {
                const current = resolveTheme(appearance?.theme ?? 'system');
                update({ theme: current === 'dark' ? 'light' : 'dark' });
              })
            }
          >
            Toggle theme
          </Item>
          <Item
            icon={<PanelLeft size={16} />}
            onSelect={() => run(() => update({ sidebarExpanded: !(appearance?.sidebarExpanded ?? true) }))}
          >
            {(appearance?.sidebarExpanded ?? true) ? 'Collapse sidebar' : 'Expand sidebar'}
          </Item>
          <Item icon={<LogOut size={16} />} onSelect={() => run(() => void signOut())}>
            Sign out
          </Item>
        </Command.Group>
      </Command.List>
    </Command.Dialog>
  );
}

/** Ctrl+K / Cmd+K toggles the palette from anywhere in the shell. */
export function useCommandPaletteShortcut(): [boolean, (open: boolean) => void] {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() === 'k' && (event.metaKey || event.ctrlKey)) {
        event.preventDefault();
        setOpen((value) => !value);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return [open, setOpen];
}
