import type { InfraResource } from '@archnest/contract';
import type { CSSProperties, ReactNode } from 'react';
import { Badge } from '../../components/ui/badge';
import { UsageBar } from '../../components/ui/usage-bar';
import { VirtualList } from '../../components/ui/virtual-list';
import { cn } from '../../lib/cn';
import { healthTone, typeLabels } from './health';
import { HealthDot } from './health-dot';
import { detailsText, formatUptime, memoryRatio, memoryText } from './member-format';
import { memberSubtitle } from './member-subtitle';

/** The same columns for the heading and every row; uptime and details join on wider screens. */
const plainColumns =
  'grid items-center gap-x-3 px-4 grid-cols-[minmax(9rem,2fr)_4.5rem_6.5rem_7rem_8.5rem] ' +
  'lg:grid-cols-[minmax(11rem,2fr)_4.5rem_6.5rem_6.5rem_10.5rem_5.5rem_minmax(8rem,2fr)]';
/** The same plus a narrow last column for a row's actions menu. */
const actionColumns =
  'grid items-center gap-x-3 px-4 grid-cols-[minmax(9rem,2fr)_4.5rem_6.5rem_7rem_8.5rem_2.5rem] ' +
  'lg:grid-cols-[minmax(11rem,2fr)_4.5rem_6.5rem_6.5rem_10.5rem_5.5rem_minmax(8rem,2fr)_2.5rem]';
const wide = 'hidden lg:block';
export const MEMBER_ROW_HEIGHT = 56;

function Heading({ columns, actions }: { columns: string; actions: boolean }) {
  return (
    <div
      role="row"
      className={cn(
        columns,
        'h-9 border-b border-border bg-surface-2 text-[0.75rem] font-semibold tracking-wide text-muted uppercase',
      )}
    >
      <span role="columnheader">Name</span>
      <span role="columnheader">Type</span>
      <span role="columnheader">Status</span>
      <span role="columnheader">CPU</span>
      <span role="columnheader">Memory</span>
      <span role="columnheader" className={wide}>
        Uptime
      </span>
      <span role="columnheader" className={wide}>
        Details
      </span>
      {actions ? (
        <span role="columnheader" className="sr-only">
          Actions
        </span>
      ) : null}
    </div>
  );
}

function MemberRow({
  resource,
  index,
  style,
  columns,
  actions,
}: {
  resource: InfraResource;
  index: number;
  style: CSSProperties;
  columns: string;
  actions: ReactNode;
}) {
  const details = detailsText(resource);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      data-member={resource.id}
      style={style}
      className={cn(columns, 'border-b border-border text-[0.9rem] hover:bg-surface-2/50')}
    >
      <div role="cell" className="min-w-0">
        <p className="truncate font-medium" title={resource.name}>
          {resource.name}
        </p>
        <p
          className="truncate text-[0.78rem] text-muted"
          title={[memberSubtitle(resource), ...resource.tags].join(' · ')}
        >
          <span className="font-mono">{memberSubtitle(resource)}</span>
          {resource.tags.length > 0 ? ` · ${resource.tags.join(', ')}` : ''}
        </p>
      </div>
      <div role="cell">
        <Badge>{typeLabels[resource.type]}</Badge>
      </div>
      <div role="cell" className="flex min-w-0 items-center gap-1.5">
        <HealthDot health={resource.health} />
        <span className={cn('truncate', healthTone[resource.health] === 'danger' && 'text-danger')}>
          {resource.status}
        </span>
      </div>
      <div role="cell">
        <UsageBar ratio={resource.cpu} label={`CPU of ${resource.name}`} />
      </div>
      <div role="cell" className="min-w-0">
        <UsageBar
          ratio={memoryRatio(resource)}
          label={`Memory of ${resource.name}`}
          text={memoryText(resource)}
        />
      </div>
      <div role="cell" className={cn(wide, 'text-[0.85rem] text-muted tabular-nums')}>
        {formatUptime(resource.uptimeSeconds)}
      </div>
      <div role="cell" className={cn(wide, 'truncate text-[0.82rem] text-muted')} title={details}>
        {details || '—'}
      </div>
      {actions !== undefined ? <div role="cell">{actions}</div> : null}
    </div>
  );
}

interface MemberListProps {
  members: readonly InfraResource[];
  label: string;
  /** A row's actions (a menu), in its own last column; omitted, the column is not there. */
  renderActions?: (resource: InfraResource) => ReactNode;
}

/** Only the rows in view are in the DOM, so 5,000 members scroll as smoothly as 50. */
export function MemberList({ members, label, renderActions }: MemberListProps) {
  const columns = renderActions ? actionColumns : plainColumns;
  return (
    <VirtualList
      items={members}
      rowHeight={MEMBER_ROW_HEIGHT}
      getKey={(resource) => resource.id}
      header={<Heading columns={columns} actions={renderActions !== undefined} />}
      label={label}
      className="h-[min(34rem,62vh)] rounded-ui border border-border"
      containerProps={{ role: 'table', 'aria-rowcount': members.length + 1 }}
      renderRow={(resource, index, style) => (
        <MemberRow
          resource={resource}
          index={index}
          style={style}
          columns={columns}
          actions={renderActions ? (renderActions(resource) ?? null) : undefined}
        />
      )}
    />
  );
}
