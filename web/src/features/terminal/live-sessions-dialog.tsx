import { endpoints, type LiveTerminalSession } from '@archnest/contract';
import { useQuery } from '@tanstack/react-query';
import { History } from 'lucide-react';
import { useState } from 'react';
import { callApi } from '../../api/call-api';
import { queryKeys } from '../../api/query-keys';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Dialog } from '../../components/ui/dialog';
import { EmptyState, ErrorState, LoadingRows } from '../../components/ui/states';
import { Table, Td, Th, Tr } from '../../components/ui/table';
import { formatBytes } from '../../lib/format-bytes';
import { RelativeTime } from '../../components/ui/relative-time';
import { useNow } from '../../lib/use-now';
import { useTerminalManager } from '../../components/terminal/terminal-manager-context';

const kindLabels: Record<LiveTerminalSession['kind'], string> = {
  ssh: 'SSH',
  container: 'Container',
  proxmox: 'Proxmox',
};

/** Polled while the list is open, and slowly behind the button's count. */
export function useLiveTerminalSessions(open: boolean) {
  return useQuery({
    queryKey: queryKeys.liveTerminalSessions,
    queryFn: ({ signal }) => callApi(endpoints.liveTerminalSessions, undefined, { signal }),
    refetchInterval: open ? 3_000 : 15_000,
  });
}

/**
 * The user's live sessions from the server, whichever tab or browser opened them; any SSH one can be
 * attached here (the pane offers to take it over when it is open elsewhere).
 */
export function LiveSessionsButton() {
  const manager = useTerminalManager();
  const [open, setOpen] = useState(false);
  const sessions = useLiveTerminalSessions(open);
  const now = useNow(5_000);
  const detached = sessions.data?.filter((s) => !s.attached).length ?? 0;
  const attach = (session: LiveTerminalSession) => {
    manager.attachLive(session);
    setOpen(false);
  };
  return (
    <>
      <Button
        size="sm"
        onClick={() => setOpen(true)}
        aria-label={detached > 0 ? `Sessions (${detached} in the background)` : 'Sessions'}
        title="Your live terminal sessions"
      >
        <History aria-hidden size={15} />
        <span className="hidden sm:inline">Sessions</span>
        {detached > 0 ? <Badge tone="warning">{detached}</Badge> : null}
      </Button>
      <Dialog
        open={open}
        onOpenChange={setOpen}
        title="Your live sessions"
        size="xl"
        description="Sessions still running on the server, from any tab or browser you are signed in with."
      >
        {sessions.isPending ? (
          <LoadingRows label="Loading sessions" rows={3} />
        ) : sessions.isError ? (
          <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
        ) : sessions.data.length === 0 ? (
          <EmptyState
            title="No live sessions"
            description="Sessions you open or keep in the background show here."
          />
        ) : (
          <Table aria-label="Live sessions">
            <thead>
              <tr>
                <Th>Host</Th>
                <Th>Kind</Th>
                <Th>Started</Th>
                <Th>Last activity</Th>
                <Th>State</Th>
                <Th>In / out</Th>
                <Th>
                  <span className="sr-only">Actions</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {sessions.data.map((s) => (
                <Tr key={s.sessionId} aria-label={`Session on ${s.hostName}`}>
                  <Td className="font-medium">{s.hostName}</Td>
                  <Td>{kindLabels[s.kind]}</Td>
                  <Td>
                    <RelativeTime iso={s.startedAt} now={now} />
                  </Td>
                  <Td>
                    <RelativeTime iso={s.lastActivityAt} now={now} />
                  </Td>
                  <Td>
                    {s.attached ? (
                      <Badge tone="success">attached</Badge>
                    ) : (
                      <span className="flex flex-col items-start gap-0.5">
                        <Badge tone="warning">in the background</Badge>
                        {s.endsAt ? (
                          <span className="text-[0.78rem] text-muted">
                            ends <RelativeTime iso={s.endsAt} now={now} /> unless attached
                          </span>
                        ) : null}
                      </span>
                    )}
                  </Td>
                  <Td className="whitespace-nowrap tabular-nums">
                    {formatBytes(s.bytesIn)} / {formatBytes(s.bytesOut)}
                  </Td>
                  <Td className="text-right">
                    {s.kind === 'ssh' ? (
                      <Button
                        size="sm"
                        variant="primary"
                        onClick={() => attach(s)}
                        aria-label={`Attach the session on ${s.hostName}`}
                      >
                        Attach
                      </Button>
                    ) : (
                      <span className="text-[0.8rem] text-muted" title="Reopen it where it was started">
                        {s.kind === 'container' ? 'from Containers' : 'from Infrastructure'}
                      </span>
                    )}
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        )}
      </Dialog>
    </>
  );
}
