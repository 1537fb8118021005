import type { ContainerStats } from '@archnest/contract';
import type { ReactNode } from 'react';
import { Card } from '../../components/ui/card';
import { ErrorState, LoadingRows } from '../../components/ui/states';
import { cn } from '../../lib/cn';
import { formatBytes } from '../../lib/format-bytes';
import { useNow } from '../../lib/use-now';
import { formatAge } from './container-format';
import { useContainerStats } from './use-containers';

function Meter({ percent, label }: { percent: number; label: string }) {
  const value = Math.max(0, Math.min(100, percent));
  return (
    <div
      role="meter"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(value)}
      className="mt-2 h-2 overflow-hidden rounded-full bg-surface-2"
    >
      <div
        className={cn(
          'h-full rounded-full transition-[width] duration-500',
          value > 90 ? 'bg-danger' : value > 70 ? 'bg-warning' : 'bg-accent',
        )}
        style={{ width: `${value}%` }}
      />
    </div>
  );
}

function Tile({ title, value, children }: { title: string; value: ReactNode; children?: ReactNode }) {
  return (
    <Card aria-label={title} className="px-4 py-3">
      <p className="text-[0.8rem] font-semibold tracking-wide text-muted uppercase">{title}</p>
      <p className="mt-1 text-[1.25rem] font-semibold tabular-nums">{value}</p>
      {children}
    </Card>
  );
}

const bytes = (value: number | undefined) => (value === undefined ? '—' : formatBytes(value));

function Tiles({ stats }: { stats: ContainerStats }) {
  const memoryPercent =
    stats.memoryPercent ??
    (stats.memoryBytes !== undefined && stats.memoryLimitBytes
      ? (stats.memoryBytes / stats.memoryLimitBytes) * 100
      : undefined);
  return (
    <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      {stats.cpuPercent !== undefined ? (
        <Tile title="CPU" value={`${stats.cpuPercent.toFixed(1)} %`}>
          <Meter percent={stats.cpuPercent} label="CPU usage" />
        </Tile>
      ) : null}
      {stats.memoryBytes !== undefined ? (
        <Tile
          title="Memory"
          value={
            <>
              {formatBytes(stats.memoryBytes)}
              {stats.memoryLimitBytes ? (
                <span className="text-[0.9rem] font-normal text-muted">
                  {' '}
                  / {formatBytes(stats.memoryLimitBytes)}
                </span>
              ) : null}
            </>
          }
        >
          {memoryPercent !== undefined ? <Meter percent={memoryPercent} label="Memory usage" /> : null}
        </Tile>
      ) : null}
      {stats.pids !== undefined ? <Tile title="Processes" value={stats.pids} /> : null}
      {stats.networkRxBytes !== undefined || stats.networkTxBytes !== undefined ? (
        <Tile title="Network" value={`↓ ${bytes(stats.networkRxBytes)} · ↑ ${bytes(stats.networkTxBytes)}`} />
      ) : null}
      {stats.blockReadBytes !== undefined || stats.blockWriteBytes !== undefined ? (
        <Tile
          title="Block IO"
          value={`read ${bytes(stats.blockReadBytes)} · write ${bytes(stats.blockWriteBytes)}`}
        />
      ) : null}
    </div>
  );
}

export function ContainerStatsPanel({
  hostId,
  name,
  active,
}: {
  hostId: string;
  name: string;
  active: boolean;
}) {
  const stats = useContainerStats(hostId, name, active);
  const now = useNow();
  if (stats.isPending) return <LoadingRows label="Loading stats" rows={3} />;
  if (stats.isError) return <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />;
  return (
    <div className="flex flex-col gap-2">
      <p className="text-right text-[0.85rem] text-muted tabular-nums">
        updated {formatAge(now - Date.parse(stats.data.readAt))} ago · every 3 s
      </p>
      <Tiles stats={stats.data} />
    </div>
  );
}
