import { Radar, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardHeader } from '../../components/ui/card';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { EmptyState, QueryStates } from '../../components/ui/states';
import { Table, Td, Th, Tr } from '../../components/ui/table';
import { formatDateTime } from '../../lib/format-time';
import { useNow } from '../../lib/use-now';
import { useAgentHosts, useDeleteAgentHost } from '../../api/use-agents';
import { RelativeTime } from '../../components/ui/relative-time';

export function AgentHostsCard() {
  const hosts = useAgentHosts();
  const remove = useDeleteAgentHost();
  const now = useNow(5000);
  const [removing, setRemoving] = useState<string | null>(null);
  return (
    <Card>
      <CardHeader
        title="Agent hosts"
        description="Hosts that push reports to ArchNest. Their containers show read-only on the Containers page."
      />
      <QueryStates
        query={hosts}
        loadingLabel="Loading agent hosts"
        empty={
          <EmptyState
            icon={<Radar size={28} strokeWidth={1.5} />}
            title="No agent has reported yet"
            description="Issue a token below and run the install command on the host."
          />
        }
      />
      {hosts.isSuccess && hosts.data.length > 0 ? (
        <Table aria-label="Agent hosts">
          <thead>
            <tr>
              <Th>Host</Th>
              <Th>Docker</Th>
              <Th>Containers</Th>
              <Th>Last report</Th>
              <Th className="w-16">
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {hosts.data.map((host) => (
              <Tr key={host.label} data-agent-host={host.label}>
                <Td>
                  <div className="font-medium">{host.label}</div>
                  <div className="text-[0.8rem] text-muted">
                    {host.hostname} · {host.os}
                  </div>
                </Td>
                <Td className="text-[0.88rem]">{host.dockerVersion}</Td>
                <Td className="tabular-nums">
                  {host.runningCount} running / {host.containerCount}
                </Td>
                <Td title={formatDateTime(host.lastReportAt)}>
                  <span className="text-[0.88rem]">
                    <RelativeTime iso={host.lastReportAt} now={now} />
                  </span>{' '}
                  {host.stale ? <Badge tone="warning">stale</Badge> : <Badge tone="success">fresh</Badge>}
                </Td>
                <Td className="text-right">
                  <Button
                    size="icon"
                    variant="ghost"
                    aria-label={`Remove ${host.label}`}
                    onClick={() => setRemoving(host.label)}
                  >
                    <Trash2 aria-hidden size={16} />
                  </Button>
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      {removing ? (
        <ConfirmDialog
          title={`Remove ${removing}?`}
          description="ArchNest forgets its last report and samples. If its agent still runs with a valid token, it shows up again at the next report: revoke the token to stop it."
          confirmLabel="Remove agent host"
          pending={remove.isPending}
          error={remove.isError ? describeError(remove.error) : null}
          onConfirm={() => remove.mutate(removing, { onSuccess: () => setRemoving(null) })}
          onClose={() => {
            remove.reset();
            setRemoving(null);
          }}
        />
      ) : null}
    </Card>
  );
}
