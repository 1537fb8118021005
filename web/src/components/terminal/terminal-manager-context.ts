import { createContext, use, useContext } from 'react';
import type { TerminalManager } from './terminal-manager';

/** The manager's code arrives after sign-in (docs/PERFORMANCE.md); until then this promise is pending. */
export const TerminalManagerContext = createContext<Promise<TerminalManager> | null>(null);

/** Suspends (inside the page's Suspense boundary) until the terminal manager is loaded. */
export function useTerminalManager(): TerminalManager {
  const manager = useContext(TerminalManagerContext);
  if (!manager) throw new Error('useTerminalManager used outside TerminalSessionsProvider');
  return use(manager);
}
