import type { KnownHostKey } from '@archnest/contract';
import { KeyRound } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/ui/button';
import { Card, CardHeader } from '../../components/ui/card';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { EmptyState, QueryStates } from '../../components/ui/states';
import { Table, Td, Th, Tr } from '../../components/ui/table';
import { formatDateTime } from '../../lib/format-time';
import { useCurrentUser } from '../../lib/current-user-context';
import { Fingerprint } from '../../components/ui/fingerprint';
import { hostErrorMessage } from '../../lib/host-error-message';
import { useForgetHostKey, useKnownHostKeys } from '../../api/use-hosts';
import { RelativeTime } from '../../components/ui/relative-time';

export function KnownHostKeysCard() {
  const isAdmin = useCurrentUser().role === 'admin';
  const keys = useKnownHostKeys();
  const forget = useForgetHostKey();
  const [forgetting, setForgetting] = useState<KnownHostKey | null>(null);

  return (
    <Card>
      <CardHeader
        title="Known host keys"
        description="Keys accepted on first contact. A server that presents another key is refused until an admin replaces it."
      />
      <QueryStates
        query={keys}
        loadingLabel="Loading known host keys"
        empty={
          <EmptyState
            icon={<KeyRound size={28} strokeWidth={1.5} />}
            title="No trusted keys yet"
            description="Test a connection or open a terminal to see a host's fingerprint and accept it."
          />
        }
      />
      {keys.isSuccess && keys.data.length > 0 ? (
        <Table aria-label="Known host keys">
          <thead>
            <tr>
              <Th>Address</Th>
              <Th>Algorithm</Th>
              <Th>Fingerprint</Th>
              <Th>Accepted</Th>
              {isAdmin ? (
                <Th className="w-24">
                  <span className="sr-only">Actions</span>
                </Th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {keys.data.map((key) => (
              <Tr key={key.id}>
                <Td className="font-mono text-[0.85rem] whitespace-nowrap">
                  {key.address}:{key.port}
                </Td>
                <Td className="font-mono text-[0.85rem]">{key.algorithm}</Td>
                <Td className="max-w-80">
                  <Fingerprint value={key.fingerprint} />
                </Td>
                <Td className="whitespace-nowrap" title={formatDateTime(key.acceptedAt)}>
                  {key.acceptedBy} · <RelativeTime iso={key.acceptedAt} />
                </Td>
                {isAdmin ? (
                  <Td className="text-right">
                    <Button
                      size="sm"
                      variant="ghost"
                      className="text-danger"
                      aria-label={`Forget the key of ${key.address}:${key.port}`}
                      onClick={() => setForgetting(key)}
                    >
                      Forget
                    </Button>
                  </Td>
                ) : null}
              </Tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      {forgetting ? (
        <ConfirmDialog
          title={`Forget the key of ${forgetting.address}:${forgetting.port}?`}
          description="The next connection shows the server's fingerprint again and asks to accept it."
          confirmLabel="Forget key"
          pending={forget.isPending}
          error={forget.isError ? hostErrorMessage(forget.error) : null}
          onConfirm={() => forget.mutate(forgetting.id, { onSuccess: () => setForgetting(null) })}
          onClose={() => {
            forget.reset();
            setForgetting(null);
          }}
        />
      ) : null}
    </Card>
  );
}
