import type { Credential } from '@archnest/contract';
import { KeySquare, Plus } from 'lucide-react';
import { useState } from 'react';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { Card, CardHeader } from '../../components/ui/card';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { EditDeleteMenu } from '../../components/ui/edit-delete-menu';
import { EmptyState, QueryStates } from '../../components/ui/states';
import { Table, Td, Th, Tr } from '../../components/ui/table';
import { formatDateTime } from '../../lib/format-time';
import { hostErrorMessage } from '../../lib/host-error-message';
import { authMethodLabels } from '../../components/hosts/host-form-state';
import { CredentialFormDialog } from './credential-form-dialog';
import { useCredentials, useDeleteCredential } from '../../api/use-credentials';
import { RelativeTime } from '../../components/ui/relative-time';

function storedSecrets(credential: Credential): string[] {
  return [
    credential.hasPassword ? 'password' : null,
    credential.hasPrivateKey ? 'private key' : null,
    credential.hasPassphrase ? 'passphrase' : null,
    credential.hasCertificate ? 'certificate' : null,
  ].filter((item): item is string => item !== null);
}

type Open = { kind: 'form'; credential: Credential | null } | { kind: 'delete'; credential: Credential };

export function CredentialsTab() {
  const credentials = useCredentials();
  const remove = useDeleteCredential();
  const [open, setOpen] = useState<Open | null>(null);
  const close = () => setOpen(null);

  return (
    <Card>
      <CardHeader
        title="Credentials"
        description="Passwords, keys and certificates that several hosts can share."
        actions={
          <Button variant="primary" onClick={() => setOpen({ kind: 'form', credential: null })}>
            <Plus aria-hidden size={16} />
            New credential
          </Button>
        }
      />
      <QueryStates
        query={credentials}
        loadingLabel="Loading credentials"
        empty={
          <EmptyState
            icon={<KeySquare size={28} strokeWidth={1.5} />}
            title="No credentials yet"
            description="Hosts can keep their own secrets; a credential is for one you reuse."
          />
        }
      />
      {credentials.isSuccess && credentials.data.length > 0 ? (
        <Table aria-label="Credentials">
          <thead>
            <tr>
              <Th>Name</Th>
              <Th>Kind</Th>
              <Th>Stored</Th>
              <Th>Used by</Th>
              <Th>Updated</Th>
              <Th className="w-12">
                <span className="sr-only">Actions</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {credentials.data.map((credential) => (
              <Tr key={credential.id}>
                <Td className="font-medium">{credential.name}</Td>
                <Td>
                  <Badge tone="accent">{authMethodLabels[credential.kind]}</Badge>
                </Td>
                <Td>
                  <div className="flex flex-wrap gap-1">
                    {storedSecrets(credential).map((secret) => (
                      <Badge key={secret} tone="success">
                        {secret}
                      </Badge>
                    ))}
                    {storedSecrets(credential).length === 0 ? (
                      <span className="text-muted">nothing</span>
                    ) : null}
                  </div>
                </Td>
                <Td>{credential.usedBy === 1 ? '1 host' : `${credential.usedBy} hosts`}</Td>
                <Td className="whitespace-nowrap" title={formatDateTime(credential.updatedAt)}>
                  <RelativeTime iso={credential.updatedAt} />
                </Td>
                <Td className="text-right">
                  <EditDeleteMenu
                    name={credential.name}
                    onEdit={() => setOpen({ kind: 'form', credential })}
                    onDelete={() => setOpen({ kind: 'delete', credential })}
                  />
                </Td>
              </Tr>
            ))}
          </tbody>
        </Table>
      ) : null}
      {open?.kind === 'form' ? <CredentialFormDialog credential={open.credential} onClose={close} /> : null}
      {open?.kind === 'delete' ? (
        <ConfirmDialog
          title={`Delete ${open.credential.name}?`}
          description={
            open.credential.usedBy > 0
              ? `${open.credential.usedBy} host(s) still use it; point them at another credential first.`
              : 'Its secrets are removed for good.'
          }
          confirmLabel="Delete credential"
          pending={remove.isPending}
          error={remove.isError ? hostErrorMessage(remove.error) : null}
          onConfirm={() => remove.mutate(open.credential, { onSuccess: close })}
          onClose={() => {
            remove.reset();
            close();
          }}
        />
      ) : null}
    </Card>
  );
}
