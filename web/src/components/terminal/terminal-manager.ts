import type { LiveTerminalSession } from '@archnest/contract';
import type { ConsolePaneLayout } from '../../lib/console-link';
import { paneTarget } from './console-pane';
import type { PaneSession, PaneSessionInit, PaneTarget } from './pane-session';
import {
  emptyPane,
  initialLayout,
  loadLayout,
  newTab,
  paneInUse,
  saveLayout,
  type PaneLayout,
  type TabLayout,
  type TerminalLayout,
} from './terminal-layout';
import { currentLook, type TerminalLook } from './terminal-theme';

/**
 * Owns the terminal layout and one PaneSession per pane with a host. Every change to the layout goes
 * through here, so ending sessions (closing a tab, shrinking a grid) cannot be forgotten by a view.
 */
export class TerminalManager {
  private layout: TerminalLayout = initialLayout();
  private readonly sessions = new Map<string, PaneSession>();
  /** Container consoles: same sessions, owned by the Containers page rather than the layout. */
  private readonly consoles = new Set<PaneSession>();
  private readonly listeners = new Set<() => void>();
  private parking: HTMLElement | null = null;
  private look: TerminalLook = { fontSize: 14, dark: false };
  private running = false;
  /** pane-session.ts carries xterm; it is fetched the first time a terminal or console opens. */
  private sessionClass: typeof PaneSession | null = null;
  private sessionClassLoading: Promise<typeof PaneSession> | null = null;
  /** Panes whose session waits for that module; a pane ended meanwhile drops out of here. */
  private readonly pending = new Map<string, symbol>();

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getLayout = () => this.layout;

  session(paneId: string): PaneSession | undefined {
    return this.sessions.get(paneId);
  }

  /** Signed in: restore the layout of this browser tab and reattach each pane's session. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.look = currentLook();
    const stored = loadLayout();
    if (!stored) return this.commit(initialLayout());
    // A pane that never got a session id (or whose session ended) has nothing to reattach to.
    const tabs = stored.tabs.map((tab) => ({
      ...tab,
      panes: tab.panes.map((pane) => (pane.sessionId ? pane : { ...pane, hostId: null, console: null })),
    }));
    this.commit({ ...stored, tabs });
    for (const tab of tabs) {
      for (const pane of tab.panes) {
        const target = paneTarget(pane);
        if (target && pane.sessionId) this.createSession(tab.id, pane.id, target, pane.sessionId);
      }
    }
  }

  /** Signed out: drop every pane here; the server ends their sessions with the sign-in session. */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    for (const session of this.sessions.values()) session.dispose(false);
    this.sessions.clear();
    this.pending.clear();
    for (const session of this.consoles) session.dispose(false);
    this.consoles.clear();
    this.layout = initialLayout();
    saveLayout(null);
    this.emit();
  }

  setLook(look: TerminalLook): void {
    this.look = look;
    for (const session of this.sessions.values()) session.setLook(look);
    for (const session of this.consoles) session.setLook(look);
  }

  /** A shell inside a container, in the pane machinery the terminal uses (acks, resize, overlays). */
  async openConsole(dockerHostId: string, ref: string): Promise<PaneSession> {
    return this.openTargetConsole({ kind: 'container', dockerHostId, ref }, 'containers');
  }

  /** A console outside the Terminal page's tabs: a container's exec or a Proxmox guest or node. */
  async openTargetConsole(target: PaneTarget, tabId: string): Promise<PaneSession> {
    const Session = await this.loadSessionClass();
    const session = new Session({
      target,
      tabId,
      sessionId: null,
      look: this.look,
      parking: this.parkingLot(),
      onSessionId: () => undefined,
    });
    this.consoles.add(session);
    return session;
  }

  /** Ends the console's shell in the container. */
  closeConsole(session: PaneSession): void {
    session.dispose(true);
    this.consoles.delete(session);
  }

  listConsoles(): PaneSession[] {
    return [...this.consoles];
  }

  addTab(): TabLayout {
    const used = new Set(this.layout.tabs.map((tab) => tab.title));
    let n = this.layout.tabs.length + 1;
    while (used.has(`Terminal ${n}`)) n += 1;
    const tab = newTab(`Terminal ${n}`);
    this.commit({ tabs: [...this.layout.tabs, tab], activeTabId: tab.id });
    return tab;
  }

  /** Panes among `panes` whose shell would end if they went: connected or on their way to it. */
  liveIn(panes: readonly PaneLayout[]): { paneId: string; hostId: string; hostName: string | null }[] {
    return panes.flatMap((pane) => {
      const status = paneInUse(pane) ? this.sessions.get(pane.id)?.getSnapshot().status : undefined;
      if (status !== 'live' && status !== 'connecting' && status !== 'reconnecting') return [];
      return [
        {
          paneId: pane.id,
          hostId: pane.hostId ?? '',
          hostName: this.sessions.get(pane.id)!.getSnapshot().hostName ?? pane.console?.title ?? null,
        },
      ];
    });
  }

  /** A pane to the host: the active tab's first empty pane, else a new tab; named after the host. */
  connectHost(host: { id: string; name: string }): void {
    const active = this.layout.tabs.find((tab) => tab.id === this.layout.activeTabId);
    const empty = active?.panes.find((pane) => !paneInUse(pane));
    const tab = active && empty ? active : this.addTab();
    this.openPane(tab.id, (empty && active ? empty : tab.panes[0]!).id, host);
  }

  /**
   * Shows one of the user's live sessions here: the pane that already holds it, or a new pane that
   * attaches without taking it over (the pane offers that when it is open elsewhere).
   */
  attachLive(live: LiveTerminalSession): void {
    for (const tab of this.layout.tabs) {
      const pane = tab.panes.find((p) => p.sessionId === live.sessionId && this.sessions.has(p.id));
      if (!pane) continue;
      const session = this.sessions.get(pane.id)!;
      if (session.getSnapshot().status === 'error') session.resume();
      return this.selectTab(tab.id);
    }
    const active = this.layout.tabs.find((tab) => tab.id === this.layout.activeTabId);
    const empty = active?.panes.find((pane) => !paneInUse(pane));
    const tab = active && empty ? active : this.addTab();
    const paneId = (empty && active ? empty : tab.panes[0]!).id;
    this.placeHost(tab.id, paneId, { id: live.hostId, name: live.hostName }, live.sessionId);
    this.createSession(tab.id, paneId, { kind: 'host', hostId: live.hostId }, live.sessionId, false);
  }

  selectTab(tabId: string): void {
    this.commit({ ...this.layout, activeTabId: tabId });
  }

  renameTab(tabId: string, title: string): void {
    const trimmed = title.trim().slice(0, 40);
    if (trimmed) this.updateTab(tabId, (tab) => ({ ...tab, title: trimmed, named: true }));
  }

  /** `keep` leaves the panes' sessions running on the server, to be attached again from the list. */
  closeTab(tabId: string, keep = false): void {
    const index = this.layout.tabs.findIndex((tab) => tab.id === tabId);
    const tab = this.layout.tabs[index];
    if (!tab) return;
    for (const pane of tab.panes) this.endSession(pane.id, keep);
    const tabs = this.layout.tabs.filter((other) => other.id !== tabId);
    if (tabs.length === 0) return this.commit(initialLayout());
    const activeTabId =
      this.layout.activeTabId === tabId
        ? tabs[Math.min(index, tabs.length - 1)]!.id
        : this.layout.activeTabId;
    this.commit({ tabs, activeTabId });
  }

  /** Growing adds empty panes; shrinking ends (or with `keep`, detaches) the panes that no longer fit. */
  setPaneCount(tabId: string, count: number, keep = false): void {
    this.updateTab(tabId, (tab) => {
      for (const pane of tab.panes.slice(count)) this.endSession(pane.id, keep);
      const panes = tab.panes.slice(0, count);
      while (panes.length < count) panes.push(emptyPane());
      return { ...tab, panes };
    });
  }

  openPane(tabId: string, paneId: string, host: { id: string; name: string }): void {
    this.placeHost(tabId, paneId, host, null);
    this.createSession(tabId, paneId, { kind: 'host', hostId: host.id }, null);
  }

  /** A Proxmox console in a new tab of its own; it reattaches after a reload like an SSH pane. */
  openConsoleTab(console: ConsolePaneLayout): void {
    const tab = newTab(console.title.slice(0, 40));
    const pane = { ...tab.panes[0]!, console };
    this.commit({ tabs: [...this.layout.tabs, { ...tab, panes: [pane] }], activeTabId: tab.id });
    this.createSession(tab.id, pane.id, paneTarget(pane)!, null);
  }

  /** Ends (or with `keep`, detaches) the pane's session and gives the pane back its host picker. */
  closePane(tabId: string, paneId: string, keep = false): void {
    this.endSession(paneId, keep);
    this.updatePane(tabId, paneId, (pane) => ({ ...pane, hostId: null, console: null, sessionId: null }));
  }

  /** A tab the user has not renamed takes the name of the first host opened in it. */
  private placeHost(
    tabId: string,
    paneId: string,
    host: { id: string; name: string },
    sessionId: string | null,
  ) {
    this.updateTab(tabId, (tab) => {
      const first = !tab.named && !tab.panes.some((pane) => pane.hostId && pane.id !== paneId);
      return {
        ...tab,
        title: first ? host.name.slice(0, 40) : tab.title,
        panes: tab.panes.map((pane) =>
          pane.id === paneId ? { ...pane, hostId: host.id, console: null, sessionId } : pane,
        ),
      };
    });
  }

  private createSession(
    tabId: string,
    paneId: string,
    target: PaneTarget,
    sessionId: string | null,
    takeover = true,
  ): void {
    this.endSession(paneId);
    const init = (onSessionId: PaneSessionInit['onSessionId']): PaneSessionInit => ({
      target,
      tabId,
      sessionId,
      takeover,
      look: this.look,
      parking: this.parkingLot(),
      onSessionId,
    });
    const create = (Session: typeof PaneSession) => {
      const session: PaneSession = new Session(
        init((id) => {
          if (this.sessions.get(paneId) !== session) return;
          this.updatePane(tabId, paneId, (pane) => ({ ...pane, sessionId: id }));
        }),
      );
      this.sessions.set(paneId, session);
    };
    if (this.sessionClass) return create(this.sessionClass);
    const ticket = Symbol(paneId);
    this.pending.set(paneId, ticket);
    void this.loadSessionClass().then(
      (Session) => {
        if (this.pending.get(paneId) !== ticket || !this.running) return;
        this.pending.delete(paneId);
        create(Session);
        this.commit({ ...this.layout }); // a new layout object, so views re-render and find the session
      },
      (error: unknown) => {
        if (this.pending.get(paneId) === ticket) this.pending.delete(paneId);
        console.error('The terminal could not be loaded', error);
      },
    );
  }

  private loadSessionClass(): Promise<typeof PaneSession> {
    this.sessionClassLoading ??= import('./pane-session').then(
      (module) => (this.sessionClass = module.PaneSession),
      (error: unknown) => {
        this.sessionClassLoading = null; // a later pane may try again (e.g. after a redeploy)
        throw error;
      },
    );
    return this.sessionClassLoading;
  }

  private endSession(paneId: string, keep = false): void {
    this.pending.delete(paneId);
    this.sessions.get(paneId)?.dispose(!keep);
    this.sessions.delete(paneId);
  }

  /** Off-screen home for terminals not on the page, so xterm always has a real element to measure. */
  private parkingLot(): HTMLElement {
    if (!this.parking) {
      this.parking = document.createElement('div');
      this.parking.setAttribute('aria-hidden', 'true');
      // Marks it as off screen on purpose, for layout checks that look for content pushed out of view.
      this.parking.dataset.offscreen = 'terminal-parking';
      this.parking.style.cssText =
        'position:fixed;left:-10000px;top:0;width:800px;height:480px;visibility:hidden;overflow:hidden';
      document.body.appendChild(this.parking);
    }
    return this.parking;
  }

  private updateTab(tabId: string, change: (tab: TabLayout) => TabLayout): void {
    this.commit({
      ...this.layout,
      tabs: this.layout.tabs.map((tab) => (tab.id === tabId ? change(tab) : tab)),
    });
  }

  private updatePane(tabId: string, paneId: string, change: (pane: PaneLayout) => PaneLayout): void {
    this.updateTab(tabId, (tab) => ({
      ...tab,
      panes: tab.panes.map((pane) => (pane.id === paneId ? change(pane) : pane)),
    }));
  }

  private commit(layout: TerminalLayout): void {
    this.layout = layout;
    if (this.running) saveLayout(layout);
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}

/** applyAppearance writes theme and font size on <html>; terminals follow whatever it sets. */
export function watchLook(manager: TerminalManager): void {
  const observer = new MutationObserver(() => manager.setLook(currentLook()));
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'data-theme'] });
}
