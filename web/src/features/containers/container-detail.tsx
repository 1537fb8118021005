import { Activity, FileText, Info, SearchX, SquareTerminal } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { isApiError } from '../../api/api-error';
import { EmptyState, ErrorState, LoadingRows } from '../../components/ui/states';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '../../components/ui/tabs';
import { formatPorts } from './container-format';
import { ContainerActionsMenu } from './container-actions-menu';
import { ContainerConsole } from './container-console';
import { ContainerLogs } from './container-logs';
import { ContainerOverview } from './container-overview';
import { ContainerStatsPanel } from './container-stats';
import { ContainerStateBadge } from './container-state-badge';
import { useContainerDetail } from './use-containers';

type Section = 'overview' | 'stats' | 'logs' | 'console';

interface ContainerDetailProps {
  hostId: string;
  name: string;
  isAdmin: boolean;
}

/**
 * One container. Logs and the console stay mounted once opened (hidden when another section is
 * shown), so a followed log or a shell survives a look at the stats.
 */
export function ContainerDetailView({ hostId, name, isAdmin }: ContainerDetailProps) {
  const detail = useContainerDetail(hostId, name);
  const [section, setSection] = useState<Section>('overview');
  const [visited, setVisited] = useState<ReadonlySet<Section>>(() => new Set(['overview']));
  const choose = (next: string) => {
    const value = next as Section;
    setSection(value);
    setVisited((old) => (old.has(value) ? old : new Set([...old, value])));
  };
  const panel = (value: Section, children: ReactNode) => (
    <TabsContent value={value} forceMount className="pt-4 outline-none data-[state=inactive]:hidden">
      {visited.has(value) ? children : null}
    </TabsContent>
  );

  if (detail.isPending) return <LoadingRows label={`Loading ${name}`} rows={6} />;
  // A failed refresh keeps showing the last answer (and whatever console is open in it).
  const data = detail.data;
  if (!data && isApiError(detail.error, 'not_found'))
    return (
      <EmptyState
        icon={<SearchX size={28} strokeWidth={1.5} />}
        title="Container not found"
        description={`${name} is not on this host (any more). Pick a container from the list.`}
      />
    );
  if (!data) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  const ports = formatPorts(data.ports);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-[1.25rem] font-semibold">{data.name}</h2>
        <ContainerStateBadge state={data.state} />
        {data.status.toLowerCase() !== data.state ? (
          <span className="text-[0.9rem] text-muted">{data.status}</span>
        ) : null}
        <span className="truncate font-mono text-[0.85rem] text-muted">{data.image}</span>
        {ports.length ? (
          <span className="font-mono text-[0.82rem] text-muted">{ports.join(', ')}</span>
        ) : null}
        <span className="flex-1" />
        {isAdmin ? <ContainerActionsMenu container={data} hostId={hostId} /> : null}
      </div>
      <Tabs value={section} onValueChange={choose}>
        <TabsList aria-label={`Sections of ${data.name}`}>
          <TabsTrigger value="overview" icon={<Info aria-hidden size={15} />}>
            Overview
          </TabsTrigger>
          <TabsTrigger value="stats" icon={<Activity aria-hidden size={15} />}>
            Stats
          </TabsTrigger>
          <TabsTrigger value="logs" icon={<FileText aria-hidden size={15} />}>
            Logs
          </TabsTrigger>
          {isAdmin ? (
            <TabsTrigger value="console" icon={<SquareTerminal aria-hidden size={15} />}>
              Console
            </TabsTrigger>
          ) : null}
        </TabsList>
        {panel('overview', <ContainerOverview detail={data} />)}
        {panel('stats', <ContainerStatsPanel hostId={hostId} name={name} active={section === 'stats'} />)}
        {panel('logs', <ContainerLogs hostId={hostId} name={name} />)}
        {isAdmin
          ? panel(
              'console',
              <ContainerConsole hostId={hostId} name={name} running={data.state === 'running'} />,
            )
          : null}
      </Tabs>
    </div>
  );
}
