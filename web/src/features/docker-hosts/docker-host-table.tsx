import type { DockerHost, Host } from '@archnest/contract';
import { Lock, PlugZap } from 'lucide-react';
import { Badge } from '../../components/ui/badge';
import { Button } from '../../components/ui/button';
import { EditDeleteMenu } from '../../components/ui/edit-delete-menu';
import { Table, Td, Th, Tr } from '../../components/ui/table';
import { kindLabels } from './docker-host-form-state';
import { DockerHostTestOutcome } from './docker-host-test-result';
import { useTestDockerHost } from '../../api/use-docker-hosts';

interface DockerHostTableProps {
  hosts: DockerHost[];
  sshHosts: Host[];
  onEdit: (host: DockerHost) => void;
  onDelete: (host: DockerHost) => void;
}

function Target({ host, sshHosts }: { host: DockerHost; sshHosts: Host[] }) {
  if (host.kind === 'engine-api' || host.kind === 'pull-agent')
    return <span className="font-mono text-[0.85rem]">{host.endpoint}</span>;
  const sshHost = sshHosts.find((item) => item.id === host.sshHostId);
  return (
    <div className="flex flex-col">
      <span>{sshHost?.name ?? 'Unknown SSH host'}</span>
      <span className="text-[0.8rem] text-muted">
        {host.cli ?? 'docker'} CLI
        {host.remoteDockerHost ? ` · ${host.remoteDockerHost}` : ''}
      </span>
    </div>
  );
}

function TlsFlags({ host }: { host: DockerHost }) {
  if (host.kind === 'pull-agent') return <span className="text-[0.88rem]">Pinned mutual TLS</span>;
  if (host.kind !== 'engine-api') return <span className="text-muted">—</span>;
  const flags = [
    host.hasCa ? 'CA' : null,
    host.hasClientCert ? 'client cert' : null,
    host.hasClientKey ? 'client key' : null,
  ].filter((flag): flag is string => flag !== null);
  if (flags.length === 0) return <span className="text-[0.88rem] text-muted">No TLS</span>;
  return (
    <div className="flex flex-wrap gap-1">
      {flags.map((flag) => (
        <Badge key={flag} tone="accent">
          <Lock aria-hidden size={11} />
          {flag}
        </Badge>
      ))}
    </div>
  );
}

function DockerHostRow({
  host,
  sshHosts,
  onEdit,
  onDelete,
}: Omit<DockerHostTableProps, 'hosts'> & { host: DockerHost }) {
  const test = useTestDockerHost();
  return (
    <Tr>
      <Td className="font-medium">{host.name}</Td>
      <Td>
        <Badge>{kindLabels[host.kind]}</Badge>
      </Td>
      <Td>
        <Target host={host} sshHosts={sshHosts} />
      </Td>
      <Td>
        <TlsFlags host={host} />
      </Td>
      <Td className="min-w-48">
        <DockerHostTestOutcome compact pending={test.isPending} result={test.data} error={test.error} />
      </Td>
      <Td className="text-right whitespace-nowrap">
        <Button
          size="sm"
          onClick={() => test.mutate(host.id)}
          disabled={test.isPending}
          aria-label={`Test ${host.name}`}
        >
          <PlugZap aria-hidden size={15} />
          Test
        </Button>
        <EditDeleteMenu
          name={host.name}
          className="ml-1"
          onEdit={() => onEdit(host)}
          onDelete={() => onDelete(host)}
        />
      </Td>
    </Tr>
  );
}

export function DockerHostTable({ hosts, ...rest }: DockerHostTableProps) {
  return (
    <Table aria-label="Docker hosts">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Kind</Th>
          <Th>Endpoint / SSH host</Th>
          <Th>TLS</Th>
          <Th>Test</Th>
          <Th className="w-36">
            <span className="sr-only">Actions</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {[...hosts]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((host) => (
            <DockerHostRow key={host.id} host={host} {...rest} />
          ))}
      </tbody>
    </Table>
  );
}
