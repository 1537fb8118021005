import { ExecShell } from '@archnest/contract';
import { Play, SquareTerminal } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { toast } from 'sonner';
import { describeError } from '../../api/api-error';
import { Button } from '../../components/ui/button';
import { Card } from '../../components/ui/card';
import { Select } from '../../components/ui/input';
import type { PaneSession } from '../../components/terminal/pane-session';
import { useTerminalManager } from '../../components/terminal/terminal-manager-context';
import { LivePane } from '../../components/terminal/live-pane';
import { useContainerAction } from './use-containers';

interface ContainerConsoleProps {
  hostId: string;
  name: string;
  running: boolean;
}

/**
 * A shell inside the container over the terminal socket (`exec`), drawn by the same pane the
 * Terminal page uses. It lives while its detail tab is open; closing the pane or the tab ends it.
 */
export function ContainerConsole({ hostId, name, running }: ContainerConsoleProps) {
  const manager = useTerminalManager();
  const action = useContainerAction();
  const [session, setSession] = useState<PaneSession | null>(null);
  const [opening, setOpening] = useState(false);
  const [shell, setShell] = useState<ExecShell>('sh');
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  // The console's code (xterm) is fetched on first use; a console that opens after this view has
  // gone is closed at once rather than left running unseen.
  const open = () => {
    setOpening(true);
    manager
      .openTargetConsole({ kind: 'container', dockerHostId: hostId, ref: name, shell }, 'containers')
      .then(
        (opened) => {
          if (!mounted.current) return manager.closeConsole(opened);
          setOpening(false);
          setSession(opened);
        },
        (error: unknown) => {
          if (mounted.current) setOpening(false);
          toast.error(describeError(error));
        },
      );
  };

  useEffect(() => {
    if (!session) return;
    return () => manager.closeConsole(session);
  }, [manager, session]);

  if (session)
    return (
      <LivePane
        session={session}
        fallbackName={name}
        label="Console"
        className="h-[min(65vh,40rem)]"
        onClose={() => setSession(null)}
      />
    );
  if (!running)
    return (
      <Card className="flex flex-col items-center gap-3 px-6 py-10 text-center">
        <SquareTerminal aria-hidden size={28} strokeWidth={1.5} className="text-muted" />
        <p role="status" className="font-medium">
          {name} is not running
        </p>
        <p className="max-w-md text-[0.9rem] text-muted">
          A console runs a shell inside a running container. Start {name} to open one.
        </p>
        <Button
          variant="primary"
          loading={action.isPending}
          onClick={() => action.mutate({ hostId, ref: name, action: 'start' })}
        >
          <Play aria-hidden size={16} />
          Start container
        </Button>
      </Card>
    );
  return (
    <Card className="flex flex-col items-center gap-3 px-6 py-10 text-center">
      <SquareTerminal aria-hidden size={28} strokeWidth={1.5} className="text-muted" />
      <p className="font-medium">A shell inside {name}</p>
      <p className="max-w-md text-[0.9rem] text-muted">
        Opens a shell in the running container. Opening one is recorded in the audit log.
      </p>
      <div className="flex flex-wrap items-center justify-center gap-2">
        <label className="flex items-center gap-2 text-[0.9rem] font-medium">
          Shell
          <Select
            aria-label="Shell"
            value={shell}
            onChange={(e) => setShell(ExecShell.parse(e.target.value))}
            className="w-32"
          >
            {ExecShell.options.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </Select>
        </label>
        <Button variant="primary" disabled={opening} onClick={open}>
          <SquareTerminal aria-hidden size={16} />
          Open console
        </Button>
      </div>
      <p className="text-[0.82rem] text-muted">
        The shell must be in the container’s image; sh is in almost every one.
      </p>
    </Card>
  );
}
