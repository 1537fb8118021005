import { endpoints, type SessionInfo } from '@archnest/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LogOut, MonitorSmartphone } from 'lucide-react';
import { toast } from 'sonner';
import { describeError } from '../../../api/api-error';
import { callApi } from '../../../api/call-api';
import { queryKeys } from '../../../api/query-keys';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { Card, CardHeader } from '../../../components/ui/card';
import { EmptyState, QueryStates } from '../../../components/ui/states';
import { Table, Td, Th, Tr } from '../../../components/ui/table';
import { endClientSession, markSigningOut } from '../../../lib/client-session';
import { formatDateTime } from '../../../lib/format-time';
import { describeUserAgent } from '../../../lib/user-agent';
import { RelativeTime } from '../../../components/ui/relative-time';

export function SessionsCard() {
  const queryClient = useQueryClient();
  const sessions = useQuery({
    queryKey: queryKeys.sessions,
    queryFn: ({ signal }) => callApi(endpoints.listSessions, undefined, { signal }),
    refetchInterval: 30_000,
  });

  const end = useMutation({
    mutationFn: (session: SessionInfo) => {
      if (session.current) markSigningOut();
      return callApi(endpoints.endSession, { params: { id: session.id } });
    },
    onSuccess: (_, session) => {
      if (session.current) {
        endClientSession('signed_out');
        return;
      }
      toast.success('Session ended');
      void queryClient.invalidateQueries({ queryKey: queryKeys.sessions });
    },
    onError: (error) => toast.error(`Could not end the session: ${describeError(error)}`),
  });

  const sorted = [...(sessions.data ?? [])].sort(
    (a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt),
  );

  return (
    <Card>
      <CardHeader title="Active sessions" description="Browsers signed in to your account right now." />
      <QueryStates query={sessions} loadingLabel="Loading sessions" />
      {sessions.isSuccess && sorted.length === 0 ? (
        <EmptyState icon={<MonitorSmartphone size={28} strokeWidth={1.5} />} title="No active sessions" />
      ) : null}
      {sessions.isSuccess && sorted.length > 0 ? (
        <Table aria-label="Active sessions">
          <thead>
            <tr>
              <Th>Client</Th>
              <Th>IP address</Th>
              <Th>Signed in</Th>
              <Th>Last seen</Th>
              <Th className="text-right">
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {sorted.map((session) => (
              <Tr key={session.id}>
                <Td>
                  <div className="flex flex-wrap items-center gap-2">
                    <span title={session.userAgent} className="font-medium">
                      {describeUserAgent(session.userAgent)}
                    </span>
                    {session.current ? <Badge tone="accent">This session</Badge> : null}
                  </div>
                </Td>
                <Td className="font-mono text-[0.85rem]">{session.ip || '—'}</Td>
                <Td>{formatDateTime(session.createdAt)}</Td>
                <Td>
                  <RelativeTime iso={session.lastSeenAt} />
                </Td>
                <Td className="text-right">
                  <Button
                    size="sm"
                    variant={session.current ? 'ghost' : 'secondary'}
                    loading={end.isPending && end.variables.id === session.id}
                    onClick={() => end.mutate(session)}
                    aria-label={
                      session.current
                        ? 'End session (this one, signs you out)'
                        : `End session from ${describeUserAgent(session.userAgent)}, ${session.ip}`
                    }
                  >
                    <LogOut aria-hidden size={14} />
                    End session
                  </Button>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </Card>
  );
}
