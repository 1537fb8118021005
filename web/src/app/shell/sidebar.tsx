import { PanelLeftClose, PanelLeftOpen } from 'lucide-react';
import { NavLink } from 'react-router';
import { cn } from '../../lib/cn';
import { useCurrentUser } from '../../lib/current-user-context';
import { Logo } from '../../components/ui/logo';
import { navEntries } from './nav-entries';

interface SidebarProps {
  expanded: boolean;
  /** Absent when the screen is too narrow for the expanded sidebar anyway. */
  onToggle: (() => void) | undefined;
}

export function Sidebar({ expanded, onToggle }: SidebarProps) {
  const user = useCurrentUser();
  const entries = navEntries.filter((entry) => !entry.adminOnly || user.role === 'admin');
  const ToggleIcon = expanded ? PanelLeftClose : PanelLeftOpen;

  return (
    <aside
      data-expanded={expanded}
      className={cn(
        'shrink-0 border-r border-border bg-surface transition-[width] duration-200',
        expanded ? 'w-56' : 'w-15',
      )}
    >
      {/* The aside paints the full page height; the inner column stays in view while content scrolls. */}
      <div className="sticky top-0 flex h-screen flex-col">
        <div
          className={cn(
            'flex h-14 items-center gap-2.5 border-b border-border',
            expanded ? 'px-4' : 'justify-center',
          )}
        >
          <Logo size={28} />
          {expanded ? <span className="text-[1.05rem] font-semibold tracking-tight">ArchNest</span> : null}
        </div>
        <nav aria-label="Main" className="flex flex-1 flex-col gap-1 p-2">
          {entries.map(({ to, label, icon: Icon }) => (
            <NavLink
              key={to}
              to={to}
              end={to === '/'}
              title={expanded ? undefined : label}
              aria-label={expanded ? undefined : label}
              className={({ isActive }) =>
                cn(
                  'flex h-9 items-center gap-3 rounded-ui-sm px-2.5 font-medium transition',
                  expanded ? '' : 'justify-center',
                  isActive ? 'bg-accent/12 text-accent' : 'text-muted hover:bg-surface-2 hover:text-fg',
                )
              }
            >
              <Icon aria-hidden size={18} />
              {expanded ? <span>{label}</span> : null}
            </NavLink>
          ))}
        </nav>
        {onToggle ? (
          <div className="border-t border-border p-2">
            <button
              type="button"
              onClick={onToggle}
              aria-label={expanded ? 'Collapse sidebar' : 'Expand sidebar'}
              aria-expanded={expanded}
              className={cn(
                'flex h-9 w-full items-center gap-3 rounded-ui-sm px-2.5 text-muted transition hover:bg-surface-2 hover:text-fg',
                expanded ? '' : 'justify-center',
              )}
            >
              <ToggleIcon aria-hidden size={18} />
              {expanded ? <span className="text-[0.9rem]">Collapse</span> : null}
            </button>
          </div>
        ) : null}
      </div>
    </aside>
  );
}
