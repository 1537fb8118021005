import type { TerminalManager } from '../../components/terminal/terminal-manager';

interface TerminalProbe {
  sessionId: string | null;
  status: string;
  serialize: () => string;
}

declare global {
  interface Window {
    __archnestTerminals?: TerminalProbe[];
    __archnestConsoles?: TerminalProbe[];
  }
}

/**
 * The WebGL renderer draws no DOM rows, so browser tests read pane text through this. It exists
 * only under automation (navigator.webdriver) and lists the active tab's panes in order, and the
 * open container consoles.
 */
export function exposeTestHook(manager: TerminalManager): (() => void) | undefined {
  if (!navigator.webdriver) return undefined;
  Object.defineProperty(window, '__archnestTerminals', {
    configurable: true,
    get: (): TerminalProbe[] => {
      const layout = manager.getLayout();
      const tab = layout.tabs.find((item) => item.id === layout.activeTabId);
      return (tab?.panes ?? []).map((pane) => {
        const session = manager.session(pane.id);
        return {
          sessionId: pane.sessionId,
          status: session?.getSnapshot().status ?? 'empty',
          serialize: () => session?.serialize() ?? '',
        };
      });
    },
  });
  Object.defineProperty(window, '__archnestConsoles', {
    configurable: true,
    get: (): TerminalProbe[] =>
      manager.listConsoles().map((session) => ({
        sessionId: null,
        status: session.getSnapshot().status,
        serialize: () => session.serialize(),
      })),
  });
  return () => {
    delete window.__archnestTerminals;
    delete window.__archnestConsoles;
  };
}
