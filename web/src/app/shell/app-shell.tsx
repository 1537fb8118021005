import { defaultAppearance } from '@archnest/contract';
import { Search } from 'lucide-react';
import { Outlet, useMatch } from 'react-router';
import { cn } from '../../lib/cn';
import { AppearanceSync } from '../../features/preferences/appearance-sync';
import { usePreferences } from '../../api/use-preferences';
import { useUpdateAppearance } from '../../api/use-update-appearance';
import { CommandPalette, useCommandPaletteShortcut } from './command-palette';
import { Sidebar } from './sidebar';
import { useMediaQuery } from '../../lib/use-media-query';
import { useServerEvents } from './use-server-events';
import { UserMenu } from './user-menu';
import { AlertBell } from '../../features/alerts/alert-bell';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function AppShell() {
  useServerEvents();
  const appearance = usePreferences().data?.appearance ?? defaultAppearance;
  const { update } = useUpdateAppearance();
  const [paletteOpen, setPaletteOpen] = useCommandPaletteShortcut();
  // On tablets the expanded sidebar would eat the content; the preference still wins on wide screens.
  const wide = useMediaQuery('(min-width: 960px)');
  const expanded = appearance.sidebarExpanded && wide;
  // The terminal uses the whole window below the header; other pages read better in a column.
  const fullBleed = useMatch('/terminal') !== null;

  return (
    <div className="flex min-h-screen bg-bg">
      <AppearanceSync />
      <Sidebar
        expanded={expanded}
        onToggle={wide ? () => update({ sidebarExpanded: !appearance.sidebarExpanded }) : undefined}
      />
      <div className="flex min-w-0 flex-1 flex-col">
        <header className="sticky top-0 z-30 flex h-14 items-center justify-between gap-4 border-b border-border bg-surface/85 px-4 backdrop-blur sm:px-6">
          <button
            type="button"
            onClick={() => setPaletteOpen(true)}
            aria-label="Search commands"
            className="flex h-9 w-full min-w-0 max-w-72 items-center gap-2 rounded-ui-sm border border-border bg-bg px-3 text-muted transition hover:border-accent/50"
          >
            <Search aria-hidden size={15} className="shrink-0" />
            <span className="min-w-0 flex-1 truncate text-left text-[0.9rem]">Search commands…</span>
            {/* On a phone the shortcut is no use, and the bell and account menu need the room. */}
            <kbd className="hidden rounded border border-border px-1.5 text-[0.75rem] sm:inline">
              {isMac ? '⌘K' : 'Ctrl K'}
            </kbd>
          </button>
          <div className="flex shrink-0 items-center gap-1">
            <AlertBell />
            <UserMenu />
          </div>
        </header>
        <main
          className={cn(
            'w-full',
            // A fixed height (not flex-grow) so terminals fit the window instead of growing it.
            fullBleed
              ? 'h-[calc(100vh-3.5rem)] min-h-96 flex-none overflow-hidden'
              : 'mx-auto max-w-6xl flex-1 px-4 py-6 sm:px-8',
          )}
        >
          <Outlet />
        </main>
      </div>
      <CommandPalette open={paletteOpen} onOpenChange={setPaletteOpen} />
    </div>
  );
}
