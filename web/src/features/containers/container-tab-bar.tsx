import { Boxes, Container, X } from 'lucide-react';
import { cn } from '../../lib/cn';

interface ContainerTabBarProps {
  tabs: string[];
  active: string | null;
  onSelect: (name: string | null) => void;
  onClose: (name: string) => void;
}

const tabClass = (selected: boolean) =>
  cn(
    'group flex h-9 shrink-0 items-center gap-1 rounded-t-ui-sm border border-b-0 pr-1 pl-3 text-[0.9rem] transition',
    selected
      ? 'border-border bg-bg text-fg'
      : 'border-transparent text-muted hover:bg-surface-2 hover:text-fg',
  );

/** The list tab, then one closable tab per opened container (Delete or the X closes it). */
export function ContainerTabBar({ tabs, active, onSelect, onClose }: ContainerTabBarProps) {
  return (
    <div
      role="tablist"
      aria-label="Container tabs"
      className="flex min-w-0 items-end gap-0.5 overflow-x-auto"
    >
      <div className={cn(tabClass(active === null), 'pr-3')}>
        <button
          type="button"
          role="tab"
          aria-selected={active === null}
          onClick={() => onSelect(null)}
          className="flex items-center gap-1.5 font-medium outline-none focus-visible:underline"
        >
          <Boxes aria-hidden size={15} />
          Containers
        </button>
      </div>
      {tabs.map((name) => (
        <div key={name} className={tabClass(active === name)}>
          <button
            type="button"
            role="tab"
            aria-selected={active === name}
            onClick={() => onSelect(name)}
            onKeyDown={(e) => {
              if (e.key === 'Delete') onClose(name);
            }}
            className="flex items-center gap-1.5 font-medium outline-none focus-visible:underline"
          >
            <Container aria-hidden size={15} />
            <span className="max-w-44 truncate">{name}</span>
          </button>
          <button
            type="button"
            aria-label={`Close tab ${name}`}
            onClick={() => onClose(name)}
            className="rounded-sm p-0.5 text-muted opacity-60 transition group-hover:opacity-100 hover:bg-surface-2 hover:text-fg"
          >
            <X aria-hidden size={14} />
          </button>
        </div>
      ))}
    </div>
  );
}
