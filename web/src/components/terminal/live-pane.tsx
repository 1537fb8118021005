import { Search, X } from 'lucide-react';
import { useEffect, useRef, useSyncExternalStore } from 'react';
import { cn } from '../../lib/cn';
import { PaneOverlays } from './pane-overlays';
import { PaneSearchBar } from './pane-search-bar';
import type { PaneSession, PaneStatus } from './pane-session';

const statusLook: Record<PaneStatus, { dot: string; text: string }> = {
  connecting: { dot: 'bg-warning animate-pulse', text: 'connecting' },
  reconnecting: { dot: 'bg-warning animate-pulse', text: 'reconnecting' },
  live: { dot: 'bg-success', text: 'live' },
  ended: { dot: 'bg-muted', text: 'ended' },
  error: { dot: 'bg-danger', text: 'error' },
};

const headerButton =
  'flex h-6 w-6 items-center justify-center rounded-sm text-muted transition hover:bg-surface-2 hover:text-fg';

/** A live terminal with its header and overlays; the Containers console shows one too. */
export function LivePane({
  session,
  fallbackName,
  label,
  onClose,
  className,
}: {
  session: PaneSession;
  /** Shown until the server names the session. */
  fallbackName: string;
  label: string;
  onClose: () => void;
  className?: string;
}) {
  const slot = useRef<HTMLDivElement>(null);
  const snapshot = useSyncExternalStore(session.subscribe, session.getSnapshot);
  const look = statusLook[snapshot.status];

  // The terminal's wrapper belongs to the session; this pane only lends it a place on the page.
  useEffect(() => {
    const element = slot.current;
    if (!element) return;
    session.show(element);
    const observer = new ResizeObserver(() => session.fit());
    observer.observe(element);
    return () => {
      observer.disconnect();
      session.park();
    };
  }, [session]);

  const name = snapshot.hostName ?? fallbackName;
  return (
    <section
      aria-label={label}
      className={cn(
        'flex min-h-0 min-w-0 flex-col overflow-hidden rounded-ui-sm border border-border bg-surface',
        className,
      )}
    >
      <header className="flex h-8 shrink-0 items-center gap-2 border-b border-border px-2 text-[0.85rem]">
        <span className={cn('h-2 w-2 shrink-0 rounded-full', look.dot)} aria-hidden />
        <span className="truncate font-medium">{name}</span>
        <span className="text-[0.75rem] text-muted" aria-label={`Status: ${look.text}`}>
          {look.text}
        </span>
        <span className="flex-1" />
        <button
          type="button"
          aria-label={`Find in ${label}`}
          title="Find (Ctrl+Shift+F)"
          className={headerButton}
          onClick={() => session.setSearchOpen(!snapshot.searchOpen)}
        >
          <Search aria-hidden size={14} />
        </button>
        <button
          type="button"
          aria-label={`Close ${label}`}
          title="End this session"
          className={headerButton}
          onClick={onClose}
        >
          <X aria-hidden size={15} />
        </button>
      </header>
      <div className="relative min-h-0 flex-1 bg-[var(--terminal-bg)]">
        <div ref={slot} className="absolute inset-0 p-1.5" onClick={() => session.focus()} />
        {snapshot.searchOpen ? <PaneSearchBar session={session} /> : null}
        <PaneOverlays session={session} snapshot={snapshot} />
      </div>
    </section>
  );
}
