import type { ContainerSummary } from '@archnest/contract';
import { Boxes, RefreshCw, Search, ServerCrash } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/ui/button';
import { Card } from '../../components/ui/card';
import { Input } from '../../components/ui/input';
import { EmptyState, QueryStates } from '../../components/ui/states';
import { SwitchField } from '../../components/ui/switch';
import { Table, Td, Th, Tr } from '../../components/ui/table';
import { formatDateTime } from '../../lib/format-time';
import { useNow } from '../../lib/use-now';
import { ContainerActionsMenu } from './container-actions-menu';
import { ContainerImageCell, ContainerNameCell } from './container-cells';
import { formatAge, formatPorts } from './container-format';
import { ContainerStateBadge } from './container-state-badge';
import { useContainerList } from './use-containers';
import { RelativeTime } from '../../components/ui/relative-time';

interface ContainerListProps {
  hostId: string;
  hostName: string;
  isAdmin: boolean;
  onOpen: (container: ContainerSummary) => void;
}

function matches(container: ContainerSummary, query: string): boolean {
  const q = query.trim().toLowerCase();
  return q === '' || container.name.toLowerCase().includes(q) || container.image.toLowerCase().includes(q);
}

function Rows({
  containers,
  hostId,
  isAdmin,
  onOpen,
}: Omit<ContainerListProps, 'hostName'> & {
  containers: ContainerSummary[];
}) {
  return (
    <Table aria-label="Containers">
      <thead>
        <tr>
          <Th>Name</Th>
          <Th>Image</Th>
          <Th>State</Th>
          <Th>Status</Th>
          <Th>Ports</Th>
          <Th>Created</Th>
          {isAdmin ? (
            <Th className="w-12">
              <span className="sr-only">Actions</span>
            </Th>
          ) : null}
        </tr>
      </thead>
      <tbody>
        {containers.map((container) => (
          <Tr key={container.id} data-container={container.name}>
            <ContainerNameCell name={container.name} onOpen={() => onOpen(container)} />
            <ContainerImageCell image={container.image} />
            <Td>
              <ContainerStateBadge state={container.state} />
            </Td>
            <Td className="text-[0.88rem] whitespace-nowrap text-muted">{container.status}</Td>
            <Td className="font-mono text-[0.82rem]">
              {formatPorts(container.ports).map((port) => (
                <div key={port}>{port}</div>
              ))}
            </Td>
            <Td
              className="text-[0.88rem] whitespace-nowrap text-muted"
              title={container.createdAt ? formatDateTime(container.createdAt) : undefined}
            >
              {container.createdAt ? <RelativeTime iso={container.createdAt} /> : ''}
            </Td>
            {isAdmin ? (
              <Td className="text-right">
                <ContainerActionsMenu container={container} hostId={hostId} />
              </Td>
            ) : null}
          </Tr>
        ))}
      </tbody>
    </Table>
  );
}

export function ContainerList({ hostId, hostName, isAdmin, onOpen }: ContainerListProps) {
  const [all, setAll] = useState(false);
  const [query, setQuery] = useState('');
  const list = useContainerList(hostId, all);
  const now = useNow();
  const answer = list.data;
  const shown = answer ? answer.containers.filter((container) => matches(container, query)) : [];
  const running = answer?.containers.filter((container) => container.state === 'running').length ?? 0;

  return (
    <Card>
      <div className="flex flex-wrap items-center gap-3 border-b border-border px-4 py-3">
        <div className="relative w-full max-w-72">
          <Search aria-hidden size={15} className="absolute top-1/2 left-3 -translate-y-1/2 text-muted" />
          <Input
            type="search"
            aria-label="Search containers"
            placeholder="Search by name or image"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            className="pl-8"
          />
        </div>
        <div className="whitespace-nowrap [&>div]:gap-3">
          <SwitchField label="Show stopped" checked={all} onCheckedChange={setAll} />
        </div>
        <span className="flex-1" />
        {answer && !answer.error ? (
          <span className="text-[0.85rem] text-muted tabular-nums">
            {running} running · {answer.containers.length} shown
          </span>
        ) : null}
        {answer ? (
          <span
            className="text-[0.85rem] text-muted tabular-nums"
            title={formatDateTime(answer.fetchedAt)}
            aria-live="off"
          >
            updated {formatAge(now - Date.parse(answer.fetchedAt))} ago
          </span>
        ) : null}
        <Button
          size="icon"
          variant="ghost"
          aria-label="Refresh containers"
          title="Refresh (every 5 s on its own)"
          onClick={() => void list.refetch()}
        >
          <RefreshCw aria-hidden size={16} className={list.isFetching ? 'animate-spin' : undefined} />
        </Button>
      </div>
      <QueryStates query={list} loadingLabel="Loading containers" />
      {answer?.error ? (
        <div role="alert" className="flex flex-col items-center gap-2 px-6 py-10 text-center">
          <ServerCrash aria-hidden size={28} strokeWidth={1.5} className="text-danger" />
          <p className="font-medium">{hostName} did not answer</p>
          <p className="max-w-md text-[0.9rem] text-muted">{answer.error}</p>
          <Button size="sm" onClick={() => void list.refetch()} className="mt-1">
            Try again
          </Button>
        </div>
      ) : null}
      {answer && !answer.error && shown.length === 0 ? (
        <EmptyState
          icon={<Boxes size={28} strokeWidth={1.5} />}
          title={answer.containers.length === 0 ? 'No containers' : 'No container matches'}
          description={
            answer.containers.length > 0
              ? 'Try another search.'
              : all
                ? 'This host has no containers.'
                : 'Nothing is running. Turn on “Show stopped” to see the rest.'
          }
        />
      ) : null}
      {answer && !answer.error && shown.length > 0 ? (
        <Rows containers={shown} hostId={hostId} isAdmin={isAdmin} onOpen={onOpen} />
      ) : null}
    </Card>
  );
}
