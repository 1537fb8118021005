import { integrationKinds, type Integration } from '@archnest/contract';
import { Plug, Plus } from 'lucide-react';
import { useState } from 'react';
import { describeError } from '../../api/api-error';
import { Button } from '../../components/ui/button';
import { Card, CardHeader } from '../../components/ui/card';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { EmptyState, QueryStates } from '../../components/ui/states';
import { integrationSources, useInfrastructureOverview } from '../../api/use-infrastructure';
import { IntegrationFormDialog } from './integration-form-dialog';
import { IntegrationTable } from './integration-table';
import { IntegrationTestDialog } from './integration-test-dialog';
import { useDeleteIntegration, useIntegrations } from './use-integrations';

type Open =
  | { kind: 'form'; integration: Integration | null }
  | { kind: 'test'; integration: Integration }
  | { kind: 'delete'; integration: Integration };

const kindNames = Object.values(integrationKinds)
  .map((meta) => meta.displayName)
  .join(', ');

export function IntegrationsTab() {
  const integrations = useIntegrations();
  const overview = useInfrastructureOverview();
  const remove = useDeleteIntegration();
  const [open, setOpen] = useState<Open | null>(null);
  const close = () => setOpen(null);

  return (
    <Card>
      <CardHeader
        title="Integrations"
        description={`Services the Infrastructure page polls: ${kindNames}.`}
        actions={
          <Button variant="primary" onClick={() => setOpen({ kind: 'form', integration: null })}>
            <Plus aria-hidden size={16} />
            Add integration
          </Button>
        }
      />
      <QueryStates
        query={integrations}
        loadingLabel="Loading integrations"
        empty={
          <EmptyState
            icon={<Plug size={28} strokeWidth={1.5} />}
            title="No integrations yet"
            description="Add a Proxmox VE cluster, AWS EC2 regions or an Uptime Kuma instance."
          />
        }
      />
      {integrations.isSuccess && integrations.data.length > 0 ? (
        <IntegrationTable
          integrations={integrations.data}
          sources={integrationSources(overview.data?.sources)}
          onTest={(integration) => setOpen({ kind: 'test', integration })}
          onEdit={(integration) => setOpen({ kind: 'form', integration })}
          onDelete={(integration) => setOpen({ kind: 'delete', integration })}
        />
      ) : null}
      {open?.kind === 'form' ? (
        <IntegrationFormDialog
          integration={open.integration}
          onClose={close}
          onCreated={(integration) => setOpen({ kind: 'test', integration })}
        />
      ) : null}
      {open?.kind === 'test' ? (
        <IntegrationTestDialog integration={open.integration} onClose={close} />
      ) : null}
      {open?.kind === 'delete' ? (
        <ConfirmDialog
          title={`Remove ${open.integration.name}?`}
          description="ArchNest stops polling it and forgets its settings, secrets and cached results."
          confirmLabel="Remove integration"
          pending={remove.isPending}
          error={remove.isError ? describeError(remove.error) : null}
          onConfirm={() => remove.mutate(open.integration, { onSuccess: close })}
          onClose={() => {
            remove.reset();
            close();
          }}
        />
      ) : null}
    </Card>
  );
}
