import { useState, type ReactNode } from 'react';
import { Button } from '../../components/ui/button';
import { Dialog, DialogFooter } from '../../components/ui/dialog';
import { useHosts } from '../../api/use-hosts';
import type { PaneLayout } from '../../components/terminal/terminal-layout';
import { useTerminalManager } from '../../components/terminal/terminal-manager-context';

interface Pending {
  title: string;
  sessions: { paneId: string; name: string }[];
  apply: (keep: boolean) => void;
}

/**
 * Shrinking a grid, closing a pane or closing a tab asks first when live sessions would go, and
 * offers to keep them running on the server (detached, listed under Sessions) instead of ending them.
 */
export function useEndSessionsConfirm(): {
  dialog: ReactNode;
  confirm: (title: string, panes: readonly PaneLayout[], apply: (keep: boolean) => void) => void;
} {
  const manager = useTerminalManager();
  const hosts = useHosts();
  const [pending, setPending] = useState<Pending | null>(null);

  const confirm = (title: string, panes: readonly PaneLayout[], apply: (keep: boolean) => void) => {
    const live = manager.liveIn(panes);
    if (live.length === 0) return apply(false);
    const nameOf = (hostId: string) => hosts.data?.find((host) => host.id === hostId)?.name ?? 'Host';
    setPending({
      title,
      sessions: live.map((s) => ({ paneId: s.paneId, name: s.hostName ?? nameOf(s.hostId) })),
      apply,
    });
  };

  const finish = (keep: boolean) => {
    pending?.apply(keep);
    setPending(null);
  };

  const count = pending?.sessions.length ?? 0;
  const dialog = pending ? (
    <Dialog
      open
      onOpenChange={(open) => !open && setPending(null)}
      title={pending.title}
      description={count === 1 ? 'This live session would end:' : `These ${count} live sessions would end:`}
    >
      <ul aria-label="Sessions that would end" className="flex flex-col gap-1 text-[0.92rem]">
        {pending.sessions.map((s) => (
          <li
            key={s.paneId}
            className="rounded-ui-sm border border-border bg-surface-2 px-3 py-1.5 font-medium"
          >
            {s.name}
          </li>
        ))}
      </ul>
      <p className="mt-3 text-[0.85rem] text-muted">
        Kept in the background, a session keeps running on the server and waits to be attached again from
        Sessions, in this or any other tab or browser, until its grace period ends.
      </p>
      <DialogFooter>
        <Button onClick={() => setPending(null)} autoFocus>
          Cancel
        </Button>
        <Button variant="primary" onClick={() => finish(true)}>
          Keep running in the background
        </Button>
        <Button variant="danger" onClick={() => finish(false)}>
          End sessions
        </Button>
      </DialogFooter>
    </Dialog>
  ) : null;

  return { dialog, confirm };
}
