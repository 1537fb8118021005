import { useEffect, useRef } from 'react';
import { toast } from 'sonner';
import { cn } from '../../lib/cn';
import { useElementSize, type ElementSize } from '../../lib/use-element-size';
import { useFeature } from '../shell/use-features';
import { COMMUNITY_PANE_CHOICES, gridShape, proPaneChoices } from './pane-grid';
import { paneInUse, type TabLayout } from './terminal-layout';
import { useConsoleFromUrl } from './use-console-from-url';
import { useTerminalManager } from './terminal-manager-context';
import { TerminalPane } from './terminal-pane';
import { useTerminalLayout } from './terminal-sessions-provider';
import { TerminalTabBar } from './terminal-tab-bar';

function PaneCountPicker({ tab, gridSize }: { tab: TabLayout; gridSize: ElementSize | null }) {
  const manager = useTerminalManager();
  const unlimited = useFeature('unlimitedTerminalPanes');
  // Pro: as many as fit the grid at a readable size, counted again whenever the window changes.
  const choices: readonly number[] =
    unlimited && gridSize ? proPaneChoices(gridSize, tab.panes.length) : COMMUNITY_PANE_CHOICES;
  const choose = (count: number) => {
    const ending = tab.panes.slice(count).filter(paneInUse).length;
    manager.setPaneCount(tab.id, count);
    if (ending > 0) toast.info(ending === 1 ? 'Ended 1 session' : `Ended ${ending} sessions`);
  };
  return (
    <div
      role="group"
      aria-label="Panes in this tab"
      className="flex items-center gap-0.5 rounded-ui-sm border border-border bg-surface p-0.5"
    >
      {choices.map((count) => (
        <button
          key={count}
          type="button"
          aria-pressed={tab.panes.length === count}
          aria-label={count === 1 ? '1 pane' : `${count} panes`}
          onClick={() => choose(count)}
          className={cn(
            'h-7 min-w-7 rounded-sm px-2 text-[0.85rem] font-medium tabular-nums transition',
            tab.panes.length === count
              ? 'bg-accent text-accent-fg'
              : 'text-muted hover:bg-surface-2 hover:text-fg',
          )}
        >
          {count}
        </button>
      ))}
      {!unlimited ? (
        <span
          className="px-1.5 text-[0.75rem] text-muted"
          title="The community edition allows up to 4 panes per tab."
        >
          max 4
        </span>
      ) : null}
    </div>
  );
}

export function TerminalPage() {
  const layout = useTerminalLayout();
  useConsoleFromUrl();
  const tab = layout.tabs.find((item) => item.id === layout.activeTabId) ?? layout.tabs[0];

  useEffect(() => {
    document.title = 'Terminal · ArchNest';
    return () => {
      document.title = 'ArchNest';
    };
  }, []);

  if (!tab) return null;
  return <TerminalTabView layout={layout} tab={tab} />;
}

function TerminalTabView({ layout, tab }: { layout: ReturnType<typeof useTerminalLayout>; tab: TabLayout }) {
  const gridRef = useRef<HTMLDivElement>(null);
  const gridSize = useElementSize(gridRef);
  const { columns, rows } = gridShape(tab.panes.length, gridSize);
  return (
    <div className="flex h-full min-h-0 flex-col">
      <h1 className="sr-only">Terminal</h1>
      <div className="flex shrink-0 items-end justify-between gap-3 border-b border-border bg-surface px-3 pt-2">
        <TerminalTabBar layout={layout} />
        <div className="mb-1.5">
          <PaneCountPicker tab={tab} gridSize={gridSize} />
        </div>
      </div>
      <div
        ref={gridRef}
        role="tabpanel"
        aria-label={tab.title}
        className="grid min-h-0 flex-1 gap-1.5 bg-bg p-1.5"
        style={{
          gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`,
          gridTemplateRows: `repeat(${rows}, minmax(0, 1fr))`,
        }}
      >
        {tab.panes.map((pane, index) => (
          <TerminalPane key={pane.id} tabId={tab.id} pane={pane} index={index} />
        ))}
      </div>
    </div>
  );
}
