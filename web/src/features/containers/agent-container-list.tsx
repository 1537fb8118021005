import type { AgentContainer } from '@archnest/contract';
import { Boxes } from 'lucide-react';
import { Sparkline } from '../../components/ui/sparkline';
import { EmptyState } from '../../components/ui/states';
import { Table, Td, Th, Tr } from '../../components/ui/table';
import { formatDateTime } from '../../lib/format-time';
import { formatPorts } from './container-format';
import { ContainerImageCell, ContainerNameCell } from './container-cells';
import { ContainerHealthBadge, ContainerStateBadge } from './container-state-badge';
import { cpuValues, formatCpu, formatMemory, knownState, memoryValues } from '../../lib/agent-format';
import { RelativeTime } from '../../components/ui/relative-time';

/** Reported containers: figures and sparklines, no actions (the host only pushes). */
export function AgentContainerList({
  containers,
  onOpen,
}: {
  containers: AgentContainer[];
  onOpen: (container: AgentContainer) => void;
}) {
  if (containers.length === 0) {
    return (
      <EmptyState
        icon={<Boxes size={28} strokeWidth={1.5} />}
        title="No containers on this host"
        description="The last report listed none, running or stopped."
      />
    );
  }
  return (
    <Table aria-label="Containers">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Image</Th>
          <Th>State</Th>
          <Th>Restarts</Th>
          <Th>CPU</Th>
          <Th>Memory</Th>
          <Th>Ports</Th>
          <Th>Created</Th>
        </tr>
      </thead>
      <tbody>
        {[...containers]
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((c) => (
            <Tr key={c.id} data-container={c.name}>
              <ContainerNameCell name={c.name} onOpen={() => onOpen(c)} />
              <ContainerImageCell image={c.image} />
              <Td className="whitespace-nowrap">
                <ContainerStateBadge state={knownState(c.state)} />{' '}
                {c.health ? <ContainerHealthBadge health={c.health} /> : null}
              </Td>
              <Td className="tabular-nums">{c.restartCount}</Td>
              <Td className="whitespace-nowrap tabular-nums">
                <div className="flex items-center gap-2">
                  <Sparkline
                    values={cpuValues(c.recent)}
                    label={`CPU of ${c.name}: ${formatCpu(c.cpuPercent)}`}
                  />
                  <span className="text-[0.88rem]">{formatCpu(c.cpuPercent)}</span>
                </div>
              </Td>
              <Td className="whitespace-nowrap tabular-nums">
                <div className="flex items-center gap-2">
                  <Sparkline
                    values={memoryValues(c.recent)}
                    label={`Memory of ${c.name}: ${formatMemory(c.memoryBytes)}`}
                  />
                  <span className="text-[0.88rem]">{formatMemory(c.memoryBytes)}</span>
                </div>
              </Td>
              <Td className="font-mono text-[0.82rem]">
                {formatPorts(c.ports).map((port) => (
                  <div key={port}>{port}</div>
                ))}
              </Td>
              <Td className="text-[0.88rem] whitespace-nowrap text-muted" title={formatDateTime(c.createdAt)}>
                <RelativeTime iso={c.createdAt} />
              </Td>
            </Tr>
          ))}
      </tbody>
    </Table>
  );
}
