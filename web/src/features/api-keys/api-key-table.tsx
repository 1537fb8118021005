import type { ApiKey } from '@archnest/contract';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { Table, Td, Th, Tr } from '../../components/ui/table';
import { formatDateTime } from '../../lib/format-time';
import { useRevokeApiKey } from './use-api-keys';
import { RelativeTime } from '../../components/ui/relative-time';

function status(key: ApiKey, now: number): { label: string; tone: 'success' | 'danger' | 'warning' } {
  if (key.revokedAt) return { label: 'revoked', tone: 'danger' };
  if (key.expiresAt && new Date(key.expiresAt).getTime() <= now) return { label: 'expired', tone: 'warning' };
  return { label: 'active', tone: 'success' };
}

/** One list of keys with last use and a revoke action that asks first. */
export function ApiKeyTable({
  keys,
  label,
  showOwner,
}: {
  keys: ApiKey[];
  label: string;
  showOwner: boolean;
}) {
  const revoke = useRevokeApiKey(showOwner);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const now = Date.now();
  return (
    <>
      <Table aria-label={label}>
        <thead>
          <tr>
            <Th>Name</Th>
            {showOwner ? <Th>User</Th> : null}
            <Th>Scope</Th>
            <Th>Created</Th>
            <Th>Expires</Th>
            <Th>Last used</Th>
            <Th>Status</Th>
            <Th className="w-28">
              <span className="sr-only">Actions</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => {
            const state = status(key, now);
            return (
              <Tr key={key.id} data-api-key={key.name}>
                <Td>
                  <div className="font-medium">{key.name}</div>
                  <div className="font-mono text-[0.8rem] text-muted">{key.hint}…</div>
                </Td>
                {showOwner ? <Td>{key.username}</Td> : null}
                <Td>
                  <Badge tone={key.scope === 'full' ? 'accent' : 'neutral'}>
                    {key.scope === 'full' ? 'full access' : 'read-only'}
                  </Badge>
                </Td>
                <Td className="text-[0.88rem]" title={formatDateTime(key.createdAt)}>
                  <RelativeTime iso={key.createdAt} />
                </Td>
                <Td className="text-[0.88rem]">{key.expiresAt ? formatDateTime(key.expiresAt) : 'never'}</Td>
                <Td className="text-[0.88rem] text-muted" data-testid="last-used">
                  {key.lastUsedAt ? (
                    <span title={formatDateTime(key.lastUsedAt)}>
                      <RelativeTime iso={key.lastUsedAt} /> from{' '}
                      <span className="font-mono">{key.lastUsedIp}</span>
                    </span>
                  ) : (
                    'never'
                  )}
                </Td>
                <Td>
                  <Badge tone={state.tone}>{state.label}</Badge>
                </Td>
                <Td className="text-right">
                  {key.revokedAt ? null : (
                    <Button
                      size="sm"
                      onClick={() => setRevoking(key)}
                      aria-label={`Revoke API key ${key.name}`}
                    >
                      Revoke
                    </Button>
                  )}
                </Td>
              </Tr>
            );
          })}
        </tbody>
      </Table>
      {revoking ? (
        <ConfirmDialog
          title={`Revoke the API key “${revoking.name}”?`}
          description="Every request made with it is refused from now on (401). This cannot be undone."
          confirmLabel="Revoke key"
          pending={revoke.isPending}
          error={revoke.isError ? describeError(revoke.error) : null}
          onConfirm={() => revoke.mutate(revoking, { onSuccess: () => setRevoking(null) })}
          onClose={() => {
            revoke.reset();
            setRevoking(null);
          }}
        />
      ) : null}
    </>
  );
}
