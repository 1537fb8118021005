import type { AgentToken } from '@archnest/contract';
import { KeyRound, Plus } from 'lucide-react';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardHeader } from '../../components/ui/card';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { EmptyState, QueryStates } from '../../components/ui/states';
import { Table, Td, Th, Tr } from '../../components/ui/table';
import { formatDateTime } from '../../lib/format-time';
import { IngestStatus } from './ingest-status';
import { IssueTokenDialog } from './issue-token-dialog';
import { useAgentTokens, useRevokeAgentToken } from '../../api/use-agents';
import { RelativeTime } from '../../components/ui/relative-time';

export function AgentTokensCard() {
  const tokens = useAgentTokens();
  const revoke = useRevokeAgentToken();
  const [issuing, setIssuing] = useState(false);
  const [revoking, setRevoking] = useState<AgentToken | null>(null);
  return (
    <Card>
      <CardHeader
        title="Agent tokens"
        description="Each token may report for one host label. ArchNest stores only a hash; the token is shown once."
        actions={
          <Button variant="primary" onClick={() => setIssuing(true)}>
            <Plus aria-hidden size={16} />
            Issue token
          </Button>
        }
      />
      {tokens.isSuccess ? (
        <IngestStatus
          instanceToken={tokens.data.instanceTokenConfigured}
          active={tokens.data.tokens.filter((token) => !token.revokedAt).length}
        />
      ) : null}
      <QueryStates query={tokens} loadingLabel="Loading agent tokens" />
      {tokens.isSuccess && tokens.data.tokens.length === 0 ? (
        <EmptyState
          icon={<KeyRound size={28} strokeWidth={1.5} />}
          title="No per-host tokens"
          description={
            tokens.data.instanceTokenConfigured
              ? 'Agents report with the instance token. Issue a per-host token to limit an agent to one host label.'
              : 'Agent ingest stays off until a token is issued here or ARCHNEST_AGENT_TOKEN is set.'
          }
        />
      ) : null}
      {tokens.isSuccess && tokens.data.tokens.length > 0 ? (
        <Table aria-label="Agent tokens">
          <thead>
            <tr>
              <Th>Host label</Th>
              <Th>Issued</Th>
              <Th>Last used</Th>
              <Th>Status</Th>
              <Th className="w-28">
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {tokens.data.tokens.map((token) => (
              <Tr key={token.id} data-agent-token={token.hostLabel}>
                <Td className="font-medium">{token.hostLabel}</Td>
                <Td className="text-[0.88rem]" title={formatDateTime(token.createdAt)}>
                  <RelativeTime iso={token.createdAt} /> by {token.createdBy}
                </Td>
                <Td className="text-[0.88rem] text-muted">
                  {token.lastUsedAt ? <RelativeTime iso={token.lastUsedAt} /> : 'never'}
                </Td>
                <Td>
                  {token.revokedAt ? (
                    <Badge tone="danger">revoked</Badge>
                  ) : (
                    <Badge tone="success">active</Badge>
                  )}
                </Td>
                <Td className="text-right">
                  {token.revokedAt ? null : (
                    <Button
                      size="sm"
                      onClick={() => setRevoking(token)}
                      aria-label={`Revoke token for ${token.hostLabel}`}
                    >
                      Revoke
                    </Button>
                  )}
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      {issuing ? <IssueTokenDialog onClose={() => setIssuing(false)} /> : null}
      {revoking ? (
        <ConfirmDialog
          title={`Revoke the token for ${revoking.hostLabel}?`}
          description="Its agent's next report is refused (401). Its last report stays visible until you remove the host."
          confirmLabel="Revoke token"
          pending={revoke.isPending}
          error={revoke.isError ? describeError(revoke.error) : null}
          onConfirm={() => revoke.mutate(revoking, { onSuccess: () => setRevoking(null) })}
          onClose={() => {
            revoke.reset();
            setRevoking(null);
          }}
        />
      ) : null}
    </Card>
  );
}
