import type { InfraSourceMember } from '@archnest/contract';
import { ArrowDown, ArrowUp } from 'lucide-react';
import { useRef, type CSSProperties, type ReactNode } from 'react';
import { VirtualList } from '../../components/ui/virtual-list';
import { cn } from '../../lib/cn';
import { useElementSize } from '../../lib/use-element-size';
import { fitColumns, type SourceColumn } from './source-table-columns';
import type { SourceSortKey, SourceTableQuery } from './source-table-query';

export const SOURCE_ROW_HEIGHT = 56;
const ACTIONS_PX = 40;

interface SourceTableProps {
  members: readonly InfraSourceMember[];
  columns: SourceColumn[];
  label: string;
  query: SourceTableQuery;
  onSort: (sort: SourceSortKey) => void;
  /** A row's actions (a menu), in its own last column; omitted, the column is not there. */
  renderActions?: ((member: InfraSourceMember) => ReactNode) | undefined;
}

function HeaderCell({
  column,
  query,
  onSort,
}: {
  column: SourceColumn;
  query: SourceTableQuery;
  onSort: (sort: SourceSortKey) => void;
}) {
  const sorted = column.sort !== undefined && query.sort === column.sort;
  const ariaSort = sorted ? (query.descending ? 'descending' : 'ascending') : 'none';
  if (!column.sort) {
    return (
      <span role="columnheader" className="truncate">
        {column.label}
      </span>
    );
  }
  const sort = column.sort;
  const Arrow = query.descending ? ArrowDown : ArrowUp;
  return (
    <span role="columnheader" aria-sort={ariaSort} className="min-w-0">
      <button
        type="button"
        onClick={() => onSort(sort)}
        className={cn(
          'inline-flex max-w-full items-center gap-1 uppercase hover:text-fg',
          sorted && 'text-fg',
        )}
        title={`Sort by ${column.label.toLowerCase()}`}
      >
        <span className="truncate">{column.label}</span>
        {sorted ? <Arrow aria-hidden size={12} className="shrink-0" /> : null}
      </button>
    </span>
  );
}

/**
 * Every member of a source with the columns its kind has. Only the rows in view are in the DOM (5,000
 * members scroll like 50), and columns that do not fit the width give way, so the page never scrolls
 * sideways.
 */
export function SourceTable({ members, columns, label, query, onSort, renderActions }: SourceTableProps) {
  const box = useRef<HTMLDivElement>(null);
  const size = useElementSize(box);
  const actions = renderActions !== undefined;
  const shown = fitColumns(columns, size?.width ?? 1024, actions ? ACTIONS_PX : 0);
  const template = [...shown.map((c) => c.track), ...(actions ? [`${ACTIONS_PX - 8}px`] : [])].join(' ');
  const grid: CSSProperties = { gridTemplateColumns: template };
  return (
    <div ref={box} className="min-w-0">
      <VirtualList
        items={members}
        rowHeight={SOURCE_ROW_HEIGHT}
        getKey={(m) => `${m.tileId}/${m.id}`}
        label={label}
        className="h-[min(40rem,68vh)] rounded-ui border border-border"
        containerProps={{ role: 'table', 'aria-rowcount': members.length + 1 }}
        header={
          <div
            role="row"
            style={grid}
            className="grid h-9 items-center gap-x-3 border-b border-border bg-surface-2 px-4 text-[0.75rem] font-semibold tracking-wide text-muted uppercase"
          >
            {shown.map((column) => (
              <HeaderCell key={column.key} column={column} query={query} onSort={onSort} />
            ))}
            {actions ? (
              <span role="columnheader" className="sr-only">
                Actions
              </span>
            ) : null}
          </div>
        }
        renderRow={(member, index, style) => (
          <div
            role="row"
            aria-rowindex={index + 2}
            data-member={member.id}
            style={{ ...style, ...grid }}
            className="grid items-center gap-x-3 border-b border-border px-4 text-[0.9rem] hover:bg-surface-2/50"
          >
            {shown.map((column) => (
              <div role="cell" key={column.key} data-column={column.key} className="min-w-0">
                {column.render(member)}
              </div>
            ))}
            {renderActions ? <div role="cell">{renderActions(member)}</div> : null}
          </div>
        )}
      />
    </div>
  );
}
