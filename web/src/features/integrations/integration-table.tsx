import { integrationKinds, type InfraSource, type Integration } from '@archnest/contract';
import { Lock, PlugZap } from 'lucide-react';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { EditDeleteMenu } from '../../components/ui/edit-delete-menu';
import { Table, Td, Th, Tr } from '../../components/ui/table';
import { IntegrationPollState } from './integration-poll-state';
import { KindIcon } from '../../components/ui/kind-icon';

interface IntegrationTableProps {
  integrations: Integration[];
  /** Poll state per integration id, when the overview has been read. */
  sources: ReadonlyMap<string, InfraSource>;
  onTest: (integration: Integration) => void;
  onEdit: (integration: Integration) => void;
  onDelete: (integration: Integration) => void;
}

function target(integration: Integration): string {
  const { config } = integration;
  if (typeof config.url === 'string') return config.url;
  const regions = Array.isArray(config.regions) ? config.regions.join(', ') : '';
  return typeof config.endpoint === 'string' ? `${regions} · ${config.endpoint}` : regions;
}

function Trust({ integration }: { integration: Integration }) {
  if (integration.tls.pinnedSha256)
    return (
      <Badge tone="accent" title={integration.tls.pinnedSha256}>
        <Lock aria-hidden size={11} />
        pinned
      </Badge>
    );
  if (integration.tls.hasCa)
    return (
      <Badge tone="accent">
        <Lock aria-hidden size={11} />
        custom CA
      </Badge>
    );
  return <span className="text-[0.88rem] text-muted">System CAs</span>;
}

function IntegrationRow({
  integration,
  source,
  onTest,
  onEdit,
  onDelete,
}: Omit<IntegrationTableProps, 'integrations' | 'sources'> & {
  integration: Integration;
  source: InfraSource | undefined;
}) {
  const meta = integrationKinds[integration.kind];
  return (
    <Tr data-integration={integration.name}>
      <Td>
        <div className="flex items-center gap-2.5">
          <span className="flex h-8 w-8 shrink-0 items-center justify-center rounded-ui-sm bg-surface-2 text-muted">
            <KindIcon kind={integration.kind} size={16} />
          </span>
          <div className="min-w-0">
            <p className="font-medium">{integration.name}</p>
            <p className="text-[0.82rem] text-muted">{meta.displayName}</p>
          </div>
        </div>
      </Td>
      <Td className="max-w-64 truncate font-mono text-[0.82rem]" title={target(integration)}>
        {target(integration)}
      </Td>
      <Td className="text-[0.88rem] whitespace-nowrap">
        every {integration.pollIntervalSeconds} s
        <span className="block text-[0.82rem] text-muted">timeout {integration.timeoutSeconds} s</span>
      </Td>
      <Td>
        <Trust integration={integration} />
      </Td>
      <Td>
        <IntegrationPollState source={source} />
      </Td>
      <Td className="text-right whitespace-nowrap">
        <Button size="sm" onClick={() => onTest(integration)} aria-label={`Test ${integration.name}`}>
          <PlugZap aria-hidden size={15} />
          Test
        </Button>
        <EditDeleteMenu
          name={integration.name}
          className="ml-1"
          deleteLabel="Remove…"
          onEdit={() => onEdit(integration)}
          onDelete={() => onDelete(integration)}
        />
      </Td>
    </Tr>
  );
}

export function IntegrationTable({ integrations, sources, ...rest }: IntegrationTableProps) {
  return (
    <Table aria-label="Integrations">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Target</Th>
          <Th>Polling</Th>
          <Th>TLS</Th>
          <Th>Last poll</Th>
          <Th className="w-36">
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {[...integrations]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((integration) => (
            <IntegrationRow
              key={integration.id}
              integration={integration}
              source={sources.get(integration.id)}
              {...rest}
            />
          ))}
      </tbody>
    </Table>
  );
}
