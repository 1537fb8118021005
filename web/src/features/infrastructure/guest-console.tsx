import { useEffect, useRef, useState } from 'react';
import type { PaneSession, PaneTarget } from '../../components/terminal/pane-session';
import { useTerminalManager } from '../../components/terminal/terminal-manager-context';
import { LivePane } from '../../components/terminal/live-pane';

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
  // The latest close handler, without re-opening the console whenever the parent renders.
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  // The console's code (xterm) is fetched on first use; a console that opens after this card has
  // gone is closed at once rather than left running unseen.
  useEffect(() => {
    let live = true;
    let created: PaneSession | null = null;
    manager.openTargetConsole(open.target, 'infrastructure').then(
      (opened) => {
        created = opened;
        if (live) setSession(opened);
        else manager.closeConsole(opened);
      },
      () => {
        if (live) closeRef.current();
      },
    );
    return () => {
      live = false;
      if (created) manager.closeConsole(created);
    };
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
