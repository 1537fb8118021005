import { isConsolePane, type ConsolePaneLayout } from '../../lib/console-link';

/** What the Terminal page shows, kept per browser tab so a reload can reattach every pane. */
export interface PaneLayout {
  id: string;
  hostId: string | null;
  /** A Proxmox console instead of a host (absent in layouts stored before consoles joined). */
  console?: ConsolePaneLayout | null;
  /** Set once the server reports the shell ready; what a reload attaches to. */
  sessionId: string | null;
}

export interface TabLayout {
  id: string;
  title: string;
  /** Renamed by the user: opening a host no longer names it. */
  named?: boolean;
  panes: PaneLayout[];
}

export interface TerminalLayout {
  tabs: TabLayout[];
  activeTabId: string;
}

export const LAYOUT_STORAGE_KEY = 'archnest.terminal.layout';

export function newId(): string {
  return crypto.randomUUID();
}

export function emptyPane(): PaneLayout {
  return { id: newId(), hostId: null, sessionId: null };
}

/** Whether a pane holds a session (a host or a console) rather than the host picker. */
export function paneInUse(pane: PaneLayout): boolean {
  return pane.hostId !== null || Boolean(pane.console);
}

export function newTab(title: string): TabLayout {
  return { id: newId(), title, panes: [emptyPane()] };
}

export function initialLayout(): TerminalLayout {
  const tab = newTab('Terminal 1');
  return { tabs: [tab], activeTabId: tab.id };
}

function isPane(value: unknown): value is PaneLayout {
  if (typeof value !== 'object' || value === null) return false;
  const pane = value as Record<string, unknown>;
  return (
    typeof pane.id === 'string' &&
    (pane.hostId === null || typeof pane.hostId === 'string') &&
    (pane.console === undefined || pane.console === null || isConsolePane(pane.console)) &&
    (pane.sessionId === null || typeof pane.sessionId === 'string')
  );
}

function isTab(value: unknown): value is TabLayout {
  if (typeof value !== 'object' || value === null) return false;
  const tab = value as Record<string, unknown>;
  return (
    typeof tab.id === 'string' &&
    typeof tab.title === 'string' &&
    Array.isArray(tab.panes) &&
    tab.panes.length > 0 &&
    tab.panes.every(isPane)
  );
}

export function loadLayout(): TerminalLayout | null {
  try {
    const raw = sessionStorage.getItem(LAYOUT_STORAGE_KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<TerminalLayout>;
    if (!Array.isArray(value.tabs) || value.tabs.length === 0 || !value.tabs.every(isTab)) return null;
    const activeTabId = value.tabs.some((tab) => tab.id === value.activeTabId)
      ? String(value.activeTabId)
      : value.tabs[0]!.id;
    return { tabs: value.tabs, activeTabId };
  } catch {
    return null;
  }
}

export function saveLayout(layout: TerminalLayout | null): void {
  try {
    if (layout) sessionStorage.setItem(LAYOUT_STORAGE_KEY, JSON.stringify(layout));
    else sessionStorage.removeItem(LAYOUT_STORAGE_KEY);
  } catch {
    // Without storage a reload starts fresh; the sessions still end on the server's idle timer.
  }
}
