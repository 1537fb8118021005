import { Plus, X } from 'lucide-react';
import { useState, type KeyboardEvent } from 'react';
import { cn } from '../../lib/cn';
import { useEndSessionsConfirm } from './end-sessions-dialog';
import { useTerminalManager } from '../../components/terminal/terminal-manager-context';
import { paneInUse, type TabLayout, type TerminalLayout } from '../../components/terminal/terminal-layout';

interface TabItemProps {
  tab: TabLayout;
  active: boolean;
}

function TabItem({ tab, active }: TabItemProps) {
  const manager = useTerminalManager();
  const [editing, setEditing] = useState(false);
  const finish = (value: string | null) => {
    if (value !== null) manager.renameTab(tab.id, value);
    setEditing(false);
  };
  const live = tab.panes.filter(paneInUse).length;
  const { dialog, confirm } = useEndSessionsConfirm();
  return (
    <div
      className={cn(
        'group flex h-9 shrink-0 items-center gap-1 rounded-t-ui-sm border border-b-0 pr-1 pl-3 text-[0.9rem] transition',
        active
          ? 'border-border bg-bg text-fg'
          : 'border-transparent text-muted hover:bg-surface-2 hover:text-fg',
      )}
    >
      {editing ? (
        <input
          aria-label="Tab name"
          defaultValue={tab.title}
          autoFocus
          maxLength={40}
          onFocus={(e) => e.target.select()}
          onBlur={(e) => finish(e.target.value)}
          onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
            if (e.key === 'Enter') finish(e.currentTarget.value);
            if (e.key === 'Escape') finish(null);
          }}
          className="w-32 rounded-sm border border-accent bg-surface px-1 text-fg outline-none"
        />
      ) : (
        <button
          type="button"
          role="tab"
          aria-selected={active}
          title="Double-click to rename (F2)"
          onClick={() => manager.selectTab(tab.id)}
          onDoubleClick={() => setEditing(true)}
          onKeyDown={(e) => e.key === 'F2' && setEditing(true)}
          className="flex items-center gap-1.5 font-medium outline-none focus-visible:underline"
        >
          <span className="max-w-40 truncate">{tab.title}</span>
          {live > 0 ? <span className="text-[0.75rem] text-muted tabular-nums">{live}</span> : null}
        </button>
      )}
      <button
        type="button"
        aria-label={`Close tab ${tab.title}`}
        onClick={() => confirm(`Close ${tab.title}?`, tab.panes, (keep) => manager.closeTab(tab.id, keep))}
        className="rounded-sm p-0.5 text-muted opacity-60 transition group-hover:opacity-100 hover:bg-surface-2 hover:text-fg"
      >
        <X aria-hidden size={14} />
      </button>
      {dialog}
    </div>
  );
}

export function TerminalTabBar({ layout }: { layout: TerminalLayout }) {
  const manager = useTerminalManager();
  return (
    <div className="flex min-w-0 items-end">
      <div
        role="tablist"
        aria-label="Terminal tabs"
        className="flex min-w-0 items-end gap-0.5 overflow-x-auto"
      >
        {layout.tabs.map((tab) => (
          <TabItem key={tab.id} tab={tab} active={tab.id === layout.activeTabId} />
        ))}
      </div>
      <button
        type="button"
        aria-label="New tab"
        title="New tab"
        onClick={() => manager.addTab()}
        className="mb-1 ml-1 flex h-7 w-7 shrink-0 items-center justify-center rounded-ui-sm text-muted transition hover:bg-surface-2 hover:text-fg"
      >
        <Plus aria-hidden size={16} />
      </button>
    </div>
  );
}
