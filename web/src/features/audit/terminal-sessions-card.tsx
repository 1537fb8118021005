import { endpoints } from '@archnest/contract';
import { useQuery } from '@tanstack/react-query';
import { SquareTerminal } from 'lucide-react';
import { callApi } from '../../api/call-api';
import { queryKeys } from '../../api/query-keys';
import { Badge } from '../../components/ui/badge';
import { Card, CardHeader } from '../../components/ui/card';
import { EmptyState, QueryStates } from '../../components/ui/states';
import { Table, Td, Th, Tr } from '../../components/ui/table';
import { formatBytes } from '../../lib/format-bytes';
import { formatDateTime } from '../../lib/format-time';
import { RelativeTime } from '../../components/ui/relative-time';

export function TerminalSessionsCard() {
  const sessions = useQuery({
    queryKey: queryKeys.terminalAudit,
    queryFn: ({ signal }) => callApi(endpoints.terminalAudit, { query: { limit: 200 } }, { signal }),
  });
  return (
    <Card>
      <CardHeader
        title="Terminal sessions"
        description="Who opened a shell where, with which host key, and how much went each way."
      />
      <QueryStates
        query={sessions}
        loadingLabel="Loading terminal sessions"
        empty={
          <EmptyState
            icon={<SquareTerminal size={28} strokeWidth={1.5} />}
            title="No terminal sessions yet"
          />
        }
      />
      {sessions.isSuccess && sessions.data.length > 0 ? (
        <Table aria-label="Terminal sessions">
          <thead>
            <tr>
              <Th>Started</Th>
              <Th>User</Th>
              <Th>Host</Th>
              <Th>Fingerprint</Th>
              <Th>Ended</Th>
              <Th className="text-right">In / out</Th>
              <Th>End reason</Th>
            </tr>
          </thead>
          <tbody>
            {sessions.data.map((session) => (
              <Tr key={session.id}>
                <Td className="whitespace-nowrap" title={formatDateTime(session.startedAt)}>
                  <RelativeTime iso={session.startedAt} />
                </Td>
                <Td className="font-medium">{session.username}</Td>
                <Td>
                  <div>{session.hostName}</div>
                  <div className="font-mono text-[0.8rem] text-muted">
                    {session.address}:{session.port}
                  </div>
                </Td>
                <Td className="max-w-56 truncate font-mono text-[0.8rem]" title={session.fingerprint}>
                  {session.fingerprint}
                </Td>
                <Td className="whitespace-nowrap">
                  {session.endedAt ? (
                    <RelativeTime iso={session.endedAt} />
                  ) : (
                    <Badge tone="success">live</Badge>
                  )}
                </Td>
                <Td className="text-right font-mono text-[0.82rem] whitespace-nowrap">
                  {formatBytes(session.bytesIn)} / {formatBytes(session.bytesOut)}
                </Td>
                <Td className="text-muted">{session.endReason?.replaceAll('_', ' ') ?? '—'}</Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      ) : null}
    </Card>
  );
}
