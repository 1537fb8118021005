import { createContext, useContext } from 'react';
import type { TerminalManager } from './terminal-manager';

export const TerminalManagerContext = createContext<TerminalManager | null>(null);

export function useTerminalManager(): TerminalManager {
  const manager = useContext(TerminalManagerContext);
  if (!manager) throw new Error('useTerminalManager used outside TerminalSessionsProvider');
  return manager;
}
