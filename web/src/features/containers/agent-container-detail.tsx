import type { ReactNode } from 'react';
import { Card } from '../../components/ui/card';
import { Sparkline } from '../../components/ui/sparkline';
import { ErrorState, LoadingRows } from '../../components/ui/states';
import { formatBytes } from '../../lib/format-bytes';
import { ContainerOverview } from './container-overview';
import { ContainerStateBadge } from './container-state-badge';
import {
  asContainerDetail,
  cpuValues,
  formatCpu,
  formatMemory,
  knownState,
  memoryValues,
} from '../../lib/agent-format';
import { ReadOnlyBadge } from '../../components/ui/read-only-badge';
import { useAgentContainer } from '../../api/use-agents';

function Trend({ title, value, children }: { title: string; value: string; children: ReactNode }) {
  return (
    <Card aria-label={title} className="px-4 py-3">
      <p className="text-[0.8rem] font-semibold tracking-wide text-muted uppercase">{title}</p>
      <p className="mt-1 text-[1.25rem] font-semibold tabular-nums">{value}</p>
      <div className="mt-2">{children}</div>
    </Card>
  );
}

const bytes = (value: number | null) => (value === null ? '—' : formatBytes(value));

/** One reported container: its last report and its stored samples (24 h by default). */
export function AgentContainerDetailView({ label, name }: { label: string; name: string }) {
  const detail = useAgentContainer(label, name);
  if (detail.isPending) return <LoadingRows label={`Loading ${name}`} rows={6} />;
  const data = detail.data;
  if (!data) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  const hours = data.samples.length
    ? Math.max(1, Math.round((Date.parse(data.reportedAt) - Date.parse(data.samples[0]!.at)) / 3_600_000))
    : 0;
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-[1.25rem] font-semibold">{data.name}</h2>
        <ContainerStateBadge state={knownState(data.state)} />
        <span className="truncate font-mono text-[0.85rem] text-muted">{data.image}</span>
        <span className="flex-1" />
        <ReadOnlyBadge />
      </div>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Trend title="CPU" value={formatCpu(data.cpuPercent)}>
          <Sparkline
            className="w-full"
            values={cpuValues(data.samples)}
            label={`CPU over the last ${hours || 'few'} h`}
          />
        </Trend>
        <Trend
          title="Memory"
          value={`${formatMemory(data.memoryBytes)}${data.memoryLimitBytes ? ` / ${formatBytes(data.memoryLimitBytes)}` : ''}`}
        >
          <Sparkline
            className="w-full"
            values={memoryValues(data.samples)}
            label={`Memory over the last ${hours || 'few'} h`}
          />
        </Trend>
        <Trend title="Network" value={`↓ ${bytes(data.networkRxBytes)} · ↑ ${bytes(data.networkTxBytes)}`}>
          <p className="text-[0.85rem] text-muted">since the container started</p>
        </Trend>
        <Trend title="Processes" value={data.pids === null ? '—' : String(data.pids)}>
          <p className="text-[0.85rem] text-muted">
            block IO read {bytes(data.blockReadBytes)} · write {bytes(data.blockWriteBytes)}
          </p>
        </Trend>
      </div>
      <ContainerOverview detail={asContainerDetail(data)} />
    </div>
  );
}
