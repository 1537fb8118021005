import type { InfraSourceKind, InfraSourceMember } from '@archnest/contract';
import type { ReactNode } from 'react';
import { Badge } from '../../components/ui/badge';
import { UsageBar } from '../../components/ui/usage-bar';
import { cn } from '../../lib/cn';
import { formatBytes } from '../../lib/format-bytes';
import { healthTone, typeLabels } from './health';
import { HealthDot } from './health-dot';
import { detailsText, formatUptime, memoryRatio, memoryText } from './member-format';
import { memberSubtitle } from './member-subtitle';
import { nodeOf, regionOf, type SourceSortKey } from './source-table-query';

export interface SourceColumn {
  key: string;
  label: string;
  /** The CSS grid track. */
  track: string;
  /** The narrowest it may be, in px: columns that do not fit the table's width are left out. */
  minPx: number;
  /** 0 always shows; higher numbers give way first on a narrow screen. */
  priority: number;
  sort?: SourceSortKey;
  render: (member: InfraSourceMember) => ReactNode;
}

const detail = (m: InfraSourceMember, label: string) => m.details.find((d) => d.label === label)?.value;
const muted = (text: string | null | undefined) => (
  <span className="block truncate text-[0.85rem] text-muted" title={text ?? undefined}>
    {text || '—'}
  </span>
);

const name: SourceColumn = {
  key: 'name',
  label: 'Name',
  track: 'minmax(8rem,2fr)',
  minPx: 128,
  priority: 0,
  sort: 'name',
  render: (m) => (
    <div className="min-w-0">
      <p className="truncate font-medium" title={m.name}>
        {m.name}
      </p>
      <p className="truncate text-[0.78rem] text-muted" title={[memberSubtitle(m), ...m.tags].join(' · ')}>
        <span className="font-mono">{memberSubtitle(m)}</span>
        {m.tags.length > 0 ? ` · ${m.tags.join(', ')}` : ''}
      </p>
    </div>
  ),
};
const status: SourceColumn = {
  key: 'status',
  label: 'Status',
  track: '6rem',
  minPx: 96,
  priority: 0,
  sort: 'status',
  render: (m) => (
    <div className="flex min-w-0 items-center gap-1.5">
      <HealthDot health={m.health} />
      <span className={cn('truncate', healthTone[m.health] === 'danger' && 'text-danger')}>{m.status}</span>
    </div>
  ),
};
const type: SourceColumn = {
  key: 'type',
  label: 'Type',
  track: '3.5rem',
  minPx: 56,
  priority: 3,
  render: (m) => <Badge>{typeLabels[m.type]}</Badge>,
};
const cpu: SourceColumn = {
  key: 'cpu',
  label: 'CPU',
  track: '5rem',
  minPx: 80,
  priority: 1,
  sort: 'cpu',
  render: (m) => <UsageBar stacked ratio={m.cpu} label={`CPU of ${m.name}`} />,
};
const memory: SourceColumn = {
  key: 'memory',
  label: 'Memory',
  track: '6.5rem',
  minPx: 104,
  priority: 2,
  sort: 'memory',
  render: (m) => (
    <UsageBar stacked ratio={memoryRatio(m)} label={`Memory of ${m.name}`} text={memoryText(m)} />
  ),
};
const disk: SourceColumn = {
  key: 'disk',
  label: 'Disk',
  track: '6.5rem',
  minPx: 104,
  priority: 4,
  sort: 'disk',
  render: (m) => {
    const { diskUsedBytes: used, diskTotalBytes: total } = m;
    return (
      <UsageBar
        stacked
        ratio={used !== null && total ? used / total : null}
        label={`Disk of ${m.name}`}
        text={
          used === null
            ? undefined
            : total
              ? `${formatBytes(used)} / ${formatBytes(total)}`
              : formatBytes(used)
        }
      />
    );
  },
};
const uptime: SourceColumn = {
  key: 'uptime',
  label: 'Uptime',
  track: '4.5rem',
  minPx: 72,
  priority: 5,
  sort: 'uptime',
  render: (m) => (
    <span className="text-[0.85rem] text-muted tabular-nums">{formatUptime(m.uptimeSeconds)}</span>
  ),
};
const node: SourceColumn = {
  key: 'node',
  label: 'Node',
  track: '4.5rem',
  minPx: 72,
  priority: 2,
  sort: 'node',
  render: (m) => muted(nodeOf(m)),
};
const text = (key: string, label: string, track: string, minPx: number, priority: number): SourceColumn => ({
  key,
  label,
  track,
  minPx,
  priority,
  render: (m) => muted(detail(m, label)),
});
const region: SourceColumn = {
  key: 'region',
  label: 'Region',
  track: '6.5rem',
  minPx: 104,
  priority: 2,
  sort: 'region',
  render: (m) => muted(regionOf(m)),
};
const details: SourceColumn = {
  key: 'details',
  label: 'Details',
  track: 'minmax(8rem,2fr)',
  minPx: 128,
  priority: 6,
  render: (m) => muted(detailsText(m)),
};

/** The columns each kind has, in display order. */
export function columnsFor(kind: InfraSourceKind): SourceColumn[] {
  switch (kind) {
    case 'proxmox':
      return [name, type, status, node, cpu, memory, disk, uptime];
    case 'aws-ec2':
      return [
        name,
        status,
        text('instanceType', 'Instance type', '6rem', 96, 3),
        region,
        text('privateIp', 'Private IP', '7rem', 112, 1),
        text('publicIp', 'Public IP', '7rem', 112, 4),
        text('az', 'Availability zone', '7rem', 112, 5),
        uptime,
      ];
    case 'uptime-kuma':
      return [
        name,
        status,
        text('monitorType', 'Type', '4.5rem', 72, 3),
        text('latency', 'Response time', '6rem', 96, 1),
        text('uptime24', '24 h uptime', '5.5rem', 88, 2),
        text('lastCheck', 'Last check', '9.5rem', 152, 5),
        text('message', 'Message', 'minmax(8rem,2fr)', 128, 6),
      ];
    case 'docker':
    case 'agent':
    case 'ssh':
      return [name, type, status, cpu, memory, uptime, details];
  }
}

const GAP = 12;
const PADDING = 32;

/** The columns that fit `width` px, dropping the highest priority numbers first; order is kept. */
export function fitColumns(columns: SourceColumn[], width: number, actionsPx: number): SourceColumn[] {
  const byPriority = [...columns].sort((a, b) => a.priority - b.priority);
  const kept = new Set<SourceColumn>();
  let used = PADDING + actionsPx;
  for (const column of byPriority) {
    const extra = column.minPx + (kept.size ? GAP : 0);
    if (column.priority > 0 && used + extra > width) break;
    kept.add(column);
    used += extra;
  }
  return columns.filter((c) => kept.has(c));
}
