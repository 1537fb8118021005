import { useEffect, useState } from 'react';
import type { PaneSession, PaneTarget } from '../terminal/pane-session';
import { useTerminalManager } from '../terminal/terminal-manager-context';
import { LivePane } from '../terminal/terminal-pane';

export type ConsoleTarget = Extract<PaneTarget, { kind: 'pve' }>;

export interface OpenConsole {
  target: ConsoleTarget;
  title: string;
}

/**
 * A Proxmox guest's terminal or a node's shell (termproxy, relayed by the server over the terminal
 * socket), drawn by the pane the Terminal page uses. Closing the pane or the card ends the session.
 */
export function GuestConsole({ open, onClose }: { open: OpenConsole; onClose: () => void }) {
  const manager = useTerminalManager();
  const [session, setSession] = useState<PaneSession | null>(null);

  useEffect(() => {
    const created = manager.openTargetConsole(open.target, 'infrastructure');
    setSession(created);
    return () => manager.closeConsole(created);
  }, [manager, open.target]);

  if (!session) return null;
  return (
    <LivePane
      session={session}
      fallbackName={open.title}
      label="Proxmox console"
      className="h-[min(55vh,32rem)]"
      onClose={onClose}
    />
  );
}
