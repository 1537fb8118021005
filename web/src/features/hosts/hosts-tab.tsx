import type { Host } from '@archnest/contract';
import { FileInput, Plus, Server } from 'lucide-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button } from '../../components/ui/button';
import { Card, CardHeader } from '../../components/ui/card';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { EmptyState, QueryStates } from '../../components/ui/states';
import { useHostReachability } from '../../lib/use-host-reachability';
import { useCredentials } from '../../api/use-credentials';
import { hostErrorMessage } from '../../lib/host-error-message';
import { HostFormDialog } from './host-form-dialog';
import { HostTable } from '../../components/hosts/host-table';
import { ImportSshConfigDialog } from './import-ssh-config-dialog';
import { KnownHostKeysCard } from './known-host-keys-card';
import { TestConnectionDialog } from './test-connection-dialog';
import { useDeleteHost, useHosts } from '../../api/use-hosts';
import { useUserChoices } from './use-user-choices';

type Open =
  { kind: 'form'; host: Host | null } | { kind: 'test' | 'delete'; host: Host } | { kind: 'import' };

export function HostsTab() {
  const hosts = useHosts();
  const credentials = useCredentials();
  const users = useUserChoices();
  const userNames = new Map((users.data ?? []).map((user) => [user.id, user.username]));
  const remove = useDeleteHost();
  const reachability = useHostReachability();
  const [params, setParams] = useSearchParams();
  // `?add=1` (Home's "Add an SSH host" step) opens the form at once.
  const [open, setOpen] = useState<Open | null>(() =>
    params.get('add') === '1' ? { kind: 'form', host: null } : null,
  );
  const close = () => {
    setOpen(null);
    if (params.has('add')) {
      const next = new URLSearchParams(params);
      next.delete('add');
      setParams(next, { replace: true });
    }
  };

  return (
    <div className="flex flex-col gap-6">
      <Card>
        <CardHeader
          title="Hosts"
          description="Machines you open terminals to, grouped by folder."
          actions={
            <>
              <Button onClick={() => setOpen({ kind: 'import' })}>
                <FileInput aria-hidden size={16} />
                Import ~/.ssh/config
              </Button>
              <Button variant="primary" onClick={() => setOpen({ kind: 'form', host: null })}>
                <Plus aria-hidden size={16} />
                Add host
              </Button>
            </>
          }
        />
        <QueryStates
          query={hosts}
          loadingLabel="Loading hosts"
          empty={
            <EmptyState
              icon={<Server size={28} strokeWidth={1.5} />}
              title="No hosts yet"
              description="Add a host, or import the ones in your ~/.ssh/config."
            />
          }
        />
        {hosts.isSuccess && hosts.data.length > 0 ? (
          <HostTable
            hosts={hosts.data}
            credentials={credentials.data ?? []}
            userNames={userNames}
            reachability={reachability.data}
            onTest={(host) => setOpen({ kind: 'test', host })}
            onEdit={(host) => setOpen({ kind: 'form', host })}
            onDelete={(host) => setOpen({ kind: 'delete', host })}
          />
        ) : null}
      </Card>
      <KnownHostKeysCard />
      {open?.kind === 'form' ? (
        <HostFormDialog host={open.host} hosts={hosts.data ?? []} onClose={close} />
      ) : null}
      {open?.kind === 'test' ? <TestConnectionDialog host={open.host} onClose={close} /> : null}
      {open?.kind === 'import' ? <ImportSshConfigDialog onClose={close} /> : null}
      {open?.kind === 'delete' ? (
        <ConfirmDialog
          title={`Delete ${open.host.name}?`}
          description="Its stored secrets go with it. Open terminals to it keep running until closed."
          confirmLabel="Delete host"
          pending={remove.isPending}
          error={remove.isError ? hostErrorMessage(remove.error) : null}
          onConfirm={() => remove.mutate(open.host, { onSuccess: close })}
          onClose={() => {
            remove.reset();
            close();
          }}
        />
      ) : null}
    </div>
  );
}
