import type { TableContainer, TableHost } from '@archnest/contract';
import { Boxes, Play, RefreshCw, RotateCw, ServerCrash, Square } from 'lucide-react';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../components/ui/button';
import { Card } from '../../components/ui/card';
import { EmptyState, ErrorState, LoadingRows } from '../../components/ui/states';
import { Table, Td, Th, Tr } from '../../components/ui/table';
import { formatBytes } from '../../lib/format-bytes';
import { formatDateTime } from '../../lib/format-time';
import { RelativeTime } from '../../components/ui/relative-time';
import { useNow } from '../../lib/use-now';
import { AgentHostView } from './agent-host-view';
import { AllContainersFilters } from './all-containers-filters';
import { BulkResults } from './bulk-results';
import { ContainerActionsMenu } from './container-actions-menu';
import { ContainerImageCell } from './container-cells';
import { containerHref, parseHostKey } from './container-links';
import { formatAge, formatPorts } from './container-format';
import { ContainerStateBadge } from './container-state-badge';
import { useAllContainers, useBulkAction, useShowStopped, type TableFilter } from './use-all-containers';

const rowKey = (c: TableContainer) => `${c.hostKey}/${c.id}`;

function HostErrors({ hosts }: { hosts: TableHost[] }) {
  const failing = hosts.filter((h) => h.error !== null);
  if (!failing.length) return null;
  return (
    <ul
      className="flex flex-col gap-1 border-b border-border px-4 py-3"
      aria-label="Hosts that did not answer"
    >
      {failing.map((h) => (
        <li
          key={h.key}
          role="alert"
          className="flex items-start gap-2 text-[0.9rem]"
          data-host-error={h.name}
        >
          <ServerCrash aria-hidden size={16} className="mt-0.5 shrink-0 text-danger" />
          <span>
            <span className="font-medium">{h.name} did not answer:</span>{' '}
            <span className="text-muted">{h.error}</span>
          </span>
        </li>
      ))}
    </ul>
  );
}

function Usage({ c }: { c: TableContainer }) {
  return (
    <>
      <Td className="text-right text-[0.88rem] whitespace-nowrap tabular-nums">
        {c.cpuPercent === null ? '—' : `${c.cpuPercent.toFixed(1)} %`}
      </Td>
      <Td
        className="text-right text-[0.88rem] whitespace-nowrap tabular-nums"
        title={c.memoryLimitBytes ? `of ${formatBytes(c.memoryLimitBytes)}` : undefined}
      >
        {c.memoryBytes === null ? '—' : formatBytes(c.memoryBytes)}
      </Td>
    </>
  );
}

/** Every container of every host the user may see, in one table. */
export function AllContainersTable({ isAdmin }: { isAdmin: boolean }) {
  const [showStopped, setShowStopped, preferencePending] = useShowStopped();
  const [filter, setFilter] = useState<TableFilter>({ host: '', state: '', name: '' });
  const list = useAllContainers(showStopped, filter);
  const bulk = useBulkAction();
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const answer = list.data;
  // The host picker keeps offering every host while the table shows one.
  const everyHost = useRef<TableHost[]>([]);
  if (answer && !filter.host) everyHost.current = answer.hosts;
  const now = useNow();
  const agentFilter = parseHostKey(filter.host)?.kind === 'agent' ? filter.host.slice('agent:'.length) : null;
  const oldest = (answer?.hosts ?? [])
    .filter((h) => !h.readOnly && h.error === null)
    .map((h) => h.fetchedAt)
    .sort()[0];
  const needle = filter.name.trim().toLowerCase();
  const shown = (answer?.containers ?? []).filter((c) => c.name.toLowerCase().includes(needle));
  const writable = new Set((answer?.hosts ?? []).filter((h) => !h.readOnly).map((h) => h.key));
  const selectable = shown.filter((c) => isAdmin && writable.has(c.hostKey));
  const chosen = selectable.filter((c) => selected.has(rowKey(c)));
  const hostNames = new Map(
    (answer?.hosts ?? []).map((h) => [parseHostKey(h.key)?.id ?? h.key, h.name] as const),
  );
  const toggle = (key: string, on: boolean) =>
    setSelected((old) => {
      const next = new Set(old);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  const run = (action: 'start' | 'stop' | 'restart') =>
    bulk.mutate(
      {
        action,
        targets: chosen.map((c) => ({ hostId: parseHostKey(c.hostKey)?.id ?? '', ref: c.name })),
      },
      { onSuccess: () => setSelected(new Set()) },
    );

  return (
    <Card>
      <div className="flex flex-wrap items-center gap-3 border-b border-border px-4 py-3">
        <AllContainersFilters
          hosts={filter.host ? everyHost.current : (answer?.hosts ?? [])}
          filter={filter}
          onFilter={setFilter}
          showStopped={showStopped}
          onShowStopped={setShowStopped}
        />
        <span className="flex-1" />
        {answer && !agentFilter ? (
          <span className="text-[0.85rem] text-muted tabular-nums">
            {shown.filter((c) => c.state === 'running').length} running · {shown.length} shown
          </span>
        ) : null}
        {oldest && !agentFilter ? (
          <span className="text-[0.85rem] text-muted tabular-nums" title={formatDateTime(oldest)}>
            updated {formatAge(now - Date.parse(oldest))} ago
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
      {agentFilter ? (
        <div className="p-4">
          {/* One agent host: its own view, with report age and sparklines (read-only). */}
          <AgentHostView key={agentFilter} label={agentFilter} />
        </div>
      ) : null}
      {!agentFilter && isAdmin && chosen.length ? (
        <div className="flex flex-wrap items-center gap-2 border-b border-border bg-accent/5 px-4 py-2">
          <span className="text-[0.9rem] font-medium">{chosen.length} selected</span>
          <Button size="sm" loading={bulk.isPending} onClick={() => run('start')}>
            <Play aria-hidden size={15} /> Start
          </Button>
          <Button size="sm" loading={bulk.isPending} onClick={() => run('stop')}>
            <Square aria-hidden size={15} /> Stop
          </Button>
          <Button size="sm" loading={bulk.isPending} onClick={() => run('restart')}>
            <RotateCw aria-hidden size={15} /> Restart
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
            Clear selection
          </Button>
        </div>
      ) : null}
      {bulk.data && bulk.variables ? (
        <BulkResults
          action={bulk.variables.action}
          results={bulk.data.results}
          names={hostNames}
          onClose={() => bulk.reset()}
        />
      ) : null}
      {answer && !agentFilter ? <HostErrors hosts={answer.hosts} /> : null}
      {list.isPending || preferencePending ? <LoadingRows label="Loading containers" /> : null}
      {list.isError && !answer ? <ErrorState error={list.error} onRetry={() => void list.refetch()} /> : null}
      {answer && !agentFilter && shown.length === 0 ? (
        <EmptyState
          icon={<Boxes size={28} strokeWidth={1.5} />}
          title={answer.hosts.length === 0 ? 'No Docker hosts yet' : 'No containers'}
          description={
            answer.hosts.length === 0
              ? 'An admin adds Docker hosts under Settings › Docker hosts, or installs the push agent.'
              : showStopped || filter.state
                ? 'Nothing matches these filters.'
                : 'Nothing running matches. Turn on “Show stopped” to see the rest.'
          }
        />
      ) : null}
      {answer && !agentFilter && shown.length > 0 ? (
        <Table aria-label="Containers">
          <thead>
            <tr>
              {isAdmin ? (
                <Th className="w-10">
                  <input
                    type="checkbox"
                    aria-label="Select all shown containers"
                    checked={selectable.length > 0 && chosen.length === selectable.length}
                    onChange={(e) =>
                      setSelected(e.target.checked ? new Set(selectable.map(rowKey)) : new Set())
                    }
                  />
                </Th>
              ) : null}
              <Th>Name</Th>
              <Th>Host</Th>
              <Th>Image</Th>
              <Th>State</Th>
              <Th>Status</Th>
              <Th className="text-right">CPU</Th>
              <Th className="text-right">Memory</Th>
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
            {shown.map((c) => {
              const key = rowKey(c);
              const canAct = isAdmin && writable.has(c.hostKey);
              const hostId = parseHostKey(c.hostKey)?.id ?? '';
              return (
                <Tr key={key} data-container={c.name} data-host={c.hostName}>
                  {isAdmin ? (
                    <Td>
                      {canAct ? (
                        <input
                          type="checkbox"
                          aria-label={`Select ${c.name} on ${c.hostName}`}
                          checked={selected.has(key)}
                          onChange={(e) => toggle(key, e.target.checked)}
                        />
                      ) : null}
                    </Td>
                  ) : null}
                  <Td>
                    <Link
                      to={containerHref(c.hostKey, c.name)}
                      className="font-medium text-accent hover:underline"
                      title={`Open ${c.name}`}
                    >
                      {c.name}
                    </Link>
                  </Td>
                  <Td className="text-[0.9rem] whitespace-nowrap">{c.hostName}</Td>
                  <ContainerImageCell image={c.image} />
                  <Td>
                    <ContainerStateBadge state={c.state} />
                  </Td>
                  <Td className="text-[0.88rem] whitespace-nowrap text-muted">{c.status}</Td>
                  <Usage c={c} />
                  <Td className="font-mono text-[0.82rem]">
                    {formatPorts(c.ports).map((port) => (
                      <div key={port}>{port}</div>
                    ))}
                  </Td>
                  <Td className="text-[0.88rem] whitespace-nowrap text-muted">
                    {c.createdAt ? <RelativeTime iso={c.createdAt} /> : ''}
                  </Td>
                  {isAdmin ? (
                    <Td className="text-right">
                      {canAct ? <ContainerActionsMenu container={c} hostId={hostId} /> : null}
                    </Td>
                  ) : null}
                </Tr>
              );
            })}
          </tbody>
        </Table>
      ) : null}
    </Card>
  );
}
