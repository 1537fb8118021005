import type { DockerHost } from '@archnest/contract';
import { Container, Plus, ShieldCheck } from 'lucide-react';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { Button } from '../../components/ui/button';
import { Card, CardHeader } from '../../components/ui/card';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { EmptyState, QueryStates } from '../../components/ui/states';
import { useHosts } from '../../api/use-hosts';
import { useFeature } from '../../lib/use-features';
import { DockerHostFormDialog } from './docker-host-form-dialog';
import { DockerHostTable } from './docker-host-table';
import { PullAgentDialog } from './pull-agent-dialog';
import { useDeleteDockerHost, useDockerHosts } from '../../api/use-docker-hosts';

type Open =
  { kind: 'form'; host: DockerHost | null } | { kind: 'delete'; host: DockerHost } | { kind: 'pull-agent' };

export function DockerHostsTab() {
  const hosts = useDockerHosts();
  const sshHosts = useHosts();
  const remove = useDeleteDockerHost();
  const pullAgents = useFeature('pullAgents');
  const [open, setOpen] = useState<Open | null>(null);
  const close = () => setOpen(null);

  return (
    <Card>
      <CardHeader
        title="Docker hosts"
        description="Docker daemons whose containers the Containers page shows: through the Engine API, or the CLI over SSH."
        actions={
          <>
            {pullAgents ? (
              <Button onClick={() => setOpen({ kind: 'pull-agent' })}>
                <ShieldCheck aria-hidden size={16} />
                Add pull agent
              </Button>
            ) : null}
            <Button variant="primary" onClick={() => setOpen({ kind: 'form', host: null })}>
              <Plus aria-hidden size={16} />
              Add Docker host
            </Button>
          </>
        }
      />
      <QueryStates
        query={hosts}
        loadingLabel="Loading Docker hosts"
        empty={
          <EmptyState
            icon={<Container size={28} strokeWidth={1.5} />}
            title="No Docker hosts yet"
            description="Add a daemon by its socket or TCP endpoint, or a machine from your SSH hosts."
          />
        }
      />
      {hosts.isSuccess && hosts.data.length > 0 ? (
        <DockerHostTable
          hosts={hosts.data}
          sshHosts={sshHosts.data ?? []}
          onEdit={(host) => setOpen({ kind: 'form', host })}
          onDelete={(host) => setOpen({ kind: 'delete', host })}
        />
      ) : null}
      {open?.kind === 'form' ? <DockerHostFormDialog host={open.host} onClose={close} /> : null}
      {open?.kind === 'pull-agent' ? <PullAgentDialog onClose={close} /> : null}
      {open?.kind === 'delete' ? (
        <ConfirmDialog
          title={`Delete ${open.host.name}?`}
          description="ArchNest forgets this host and its certificates. Its containers keep running."
          confirmLabel="Delete Docker host"
          pending={remove.isPending}
          error={remove.isError ? describeError(remove.error) : null}
          onConfirm={() => remove.mutate(open.host, { onSuccess: close })}
          onClose={() => {
            remove.reset();
            close();
          }}
        />
      ) : null}
    </Card>
  );
}
