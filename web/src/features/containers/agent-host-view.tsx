import { AlertTriangle } from 'lucide-react';
import { Card } from '../../components/ui/card';
import { ErrorState, LoadingRows } from '../../components/ui/states';
import { formatDateTime } from '../../lib/format-time';
import { useNow } from '../../lib/use-now';
import { formatAge } from './container-format';
import { ContainerTabBar } from './container-tab-bar';
import { AgentContainerDetailView } from './agent-container-detail';
import { AgentContainerList } from './agent-container-list';
import { ReadOnlyBadge } from '../../components/ui/read-only-badge';
import { useAgentHostContainers } from '../../api/use-agents';
import { useDetailTabs } from './use-detail-tabs';

/** An agent host on the Containers page: what it last reported, with its age; never any action. */
export function AgentHostView({ label }: { label: string }) {
  const answer = useAgentHostContainers(label);
  const now = useNow();
  const { tabs, active, select, open, close } = useDetailTabs();

  if (answer.isPending)
    return (
      <Card>
        <LoadingRows label={`Loading ${label}`} />
      </Card>
    );
  const data = answer.data;
  if (!data)
    return (
      <Card>
        <ErrorState error={answer.error} onRetry={() => void answer.refetch()} />
      </Card>
    );
  const { host } = data;
  const age = formatAge(now - Date.parse(host.lastReportAt));
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3 text-[0.9rem]">
        <ReadOnlyBadge />
        <span className="text-muted tabular-nums" title={formatDateTime(host.lastReportAt)}>
          last report {age} ago · every {host.intervalSeconds} s
        </span>
        <span className="text-muted">
          {host.hostname} · Docker {host.dockerVersion} · {host.cpus} CPUs
        </span>
      </div>
      {host.stale ? (
        <p
          role="alert"
          className="flex items-center gap-2 rounded-ui-sm border border-warning/35 bg-warning/10 px-3 py-2 text-[0.9rem] text-warning"
        >
          <AlertTriangle aria-hidden size={16} />
          Stale: no report for {age} (expected every {host.intervalSeconds} s). The agent or its network may
          be down; what follows is its last report.
        </p>
      ) : null}
      <div className="border-b border-border">
        <ContainerTabBar tabs={tabs} active={active} onSelect={select} onClose={close} />
      </div>
      <div role="tabpanel" aria-label={active ?? 'Containers'}>
        <div hidden={active !== null}>
          <Card>
            <AgentContainerList containers={data.containers} onOpen={(c) => open(c.name)} />
          </Card>
        </div>
        {tabs.map((name) => (
          <div key={name} hidden={active !== name}>
            <AgentContainerDetailView label={label} name={name} />
          </div>
        ))}
      </div>
    </div>
  );
}
