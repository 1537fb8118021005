import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { toast } from 'sonner';
import { cn } from '../../lib/cn';
import { useElementSize, type ElementSize } from '../../lib/use-element-size';
import { useHosts } from '../../api/use-hosts';
import { useFeature } from '../../lib/use-features';
import { useEndSessionsConfirm } from './end-sessions-dialog';
import { COMMUNITY_PANE_CHOICES, gridShape, proPaneChoices } from './pane-grid';
import { paneInUse, type TabLayout } from '../../components/terminal/terminal-layout';
import { useConsoleFromUrl } from './use-console-from-url';
import { useTerminalManager } from '../../components/terminal/terminal-manager-context';
import { LiveSessionsButton } from './live-sessions-dialog';
import { TerminalPane } from './terminal-pane';
import { useTerminalLayout } from './terminal-sessions-provider';
import { TerminalTabBar } from './terminal-tab-bar';

function PaneCountPicker({ tab, gridSize }: { tab: TabLayout; gridSize: ElementSize | null }) {
  const manager = useTerminalManager();
  const unlimited = useFeature('unlimitedTerminalPanes');
  // Pro: as many as fit the grid at a readable size, counted again whenever the window changes.
  const choices: readonly number[] =
    unlimited && gridSize ? proPaneChoices(gridSize, tab.panes.length) : COMMUNITY_PANE_CHOICES;
  const { dialog, confirm } = useEndSessionsConfirm();
  const choose = (count: number) => {
    const going = tab.panes.slice(count);
    confirm(`Shrink to ${count === 1 ? '1 pane' : `${count} panes`}?`, going, (keep) => {
      const ending = going.filter(paneInUse).length;
      manager.setPaneCount(tab.id, count, keep);
      if (ending > 0)
        toast.info(
          keep
            ? `${ending === 1 ? '1 session keeps' : `${ending} sessions keep`} running in the background`
            : ending === 1
              ? 'Ended 1 session'
              : `Ended ${ending} sessions`,
        );
    });
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
      {dialog}
    </div>
  );
}

/** `/terminal?host=<id>` opens a pane to the host once, then drops the parameter so a reload does not. */
function useConnectFromQuery() {
  const manager = useTerminalManager();
  const hosts = useHosts();
  const [params, setParams] = useSearchParams();
  const hostId = params.get('host');
  const handled = useRef<string | null>(null);
  useEffect(() => {
    if (!hostId) {
      handled.current = null;
      return;
    }
    if (!hosts.data || handled.current === hostId) return;
    handled.current = hostId;
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete('host');
        return next;
      },
      { replace: true },
    );
    const host = hosts.data.find((item) => item.id === hostId);
    if (host) manager.connectHost(host);
    else toast.error('That host does not exist, or you may not use it.');
  }, [hostId, hosts.data, manager, setParams]);
}

export function TerminalPage() {
  const layout = useTerminalLayout();
  useConsoleFromUrl();
  const tab = layout.tabs.find((item) => item.id === layout.activeTabId) ?? layout.tabs[0];
  useConnectFromQuery();

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
        <div className="mb-1.5 flex items-center gap-2">
          <LiveSessionsButton />
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
