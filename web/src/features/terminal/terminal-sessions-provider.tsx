import { useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useAuthStatus } from '../auth/use-auth-status';
import { TerminalManagerContext, useTerminalManager } from './terminal-manager-context';
import { TerminalManager } from './terminal-manager';
import { currentLook } from './terminal-theme';
import { exposeTestHook } from './test-hook';

/**
 * Mounted above the router: terminals live here, not in the Terminal page, so moving to Settings and
 * back keeps every pane's shell, output and socket.
 */
export function TerminalSessionsProvider({ children }: { children: ReactNode }) {
  const [manager] = useState(() => new TerminalManager());
  const status = useAuthStatus();
  const userId = status.data?.user?.id ?? null;
  const known = status.isSuccess;

  useEffect(() => {
    if (!known) return;
    if (userId) manager.start();
    else manager.stop();
  }, [manager, known, userId]);

  // applyAppearance writes theme and font size on <html>; terminals follow whatever it sets.
  useEffect(() => {
    const observer = new MutationObserver(() => manager.setLook(currentLook()));
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['style', 'data-theme'],
    });
    return () => observer.disconnect();
  }, [manager]);

  useEffect(() => exposeTestHook(manager), [manager]);

  return <TerminalManagerContext value={manager}>{children}</TerminalManagerContext>;
}

export function useTerminalLayout() {
  const manager = useTerminalManager();
  return useSyncExternalStore(manager.subscribe, manager.getLayout);
}
