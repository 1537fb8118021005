import type { UseQueryResult } from '@tanstack/react-query';
import { Boxes, RefreshCw, Search, Trash2 } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { Button } from '../../components/ui/button';
import { Card, CardHeader } from '../../components/ui/card';
import { Input } from '../../components/ui/input';
import { EmptyState, ErrorState, LoadingRows } from '../../components/ui/states';
import { Td } from '../../components/ui/table';
import { ObjectDetailDialog } from './object-detail-dialog';
import { PruneDialog } from './prune-dialog';
import { RemoveDialog } from './remove-dialog';
import type { ObjectKind } from './use-docker-objects';

/** The object a row stands for: `target` goes to the API, `label` is what the user reads. */
export interface ObjectRef {
  target: string;
  label: string;
}

interface ObjectsCardProps<T> {
  kind: ObjectKind;
  hostId: string;
  hostName: string;
  isAdmin: boolean;
  query: UseQueryResult<T[]>;
  /** Text a row is found by in the search box. */
  searchText: (item: T) => string;
  extraActions?: ReactNode;
  children: (
    items: T[],
    open: { inspect: (ref: ObjectRef) => void; remove: (ref: ObjectRef) => void },
  ) => ReactNode;
}

const TITLE: Record<ObjectKind, string> = { images: 'Images', volumes: 'Volumes', networks: 'Networks' };

/** One kind's card: search, refresh, prune (admins), the table, and the dialogs its rows open. */
export function ObjectsCard<T>({
  kind,
  hostId,
  hostName,
  isAdmin,
  query,
  searchText,
  extraActions,
  children,
}: ObjectsCardProps<T>) {
  const [search, setSearch] = useState('');
  const [inspecting, setInspecting] = useState<ObjectRef | null>(null);
  const [removing, setRemoving] = useState<ObjectRef | null>(null);
  const [pruning, setPruning] = useState(false);
  const q = search.trim().toLowerCase();
  const items = (query.data ?? []).filter((item) => q === '' || searchText(item).toLowerCase().includes(q));
  return (
    <Card>
      <CardHeader
        title={`${TITLE[kind]} on ${hostName}`}
        actions={
          <>
            <label className="relative">
              <span className="sr-only">Search {kind}</span>
              <Search
                aria-hidden
                size={15}
                className="absolute top-1/2 left-2.5 -translate-y-1/2 text-muted"
              />
              <Input
                className="w-52 pl-8"
                placeholder="Search"
                value={search}
                onChange={(e) => setSearch(e.target.value)}
              />
            </label>
            <Button
              size="sm"
              onClick={() => void query.refetch()}
              loading={query.isFetching}
              aria-label={`Refresh ${kind}`}
            >
              <RefreshCw aria-hidden size={15} />
            </Button>
            {extraActions}
            {isAdmin ? (
              <Button size="sm" onClick={() => setPruning(true)}>
                <Trash2 aria-hidden size={15} /> Prune…
              </Button>
            ) : null}
          </>
        }
      />
      {query.isPending ? <LoadingRows label={`Loading ${kind}`} /> : null}
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.isSuccess && items.length === 0 ? (
        <EmptyState
          icon={<Boxes size={28} strokeWidth={1.5} />}
          title={q ? `No ${kind} match “${search.trim()}”` : `No ${kind} on ${hostName}`}
          description={q ? 'Try another search.' : undefined}
        />
      ) : null}
      {query.isSuccess && items.length > 0
        ? children(items, { inspect: setInspecting, remove: setRemoving })
        : null}
      {inspecting ? (
        <ObjectDetailDialog hostId={hostId} kind={kind} {...inspecting} onClose={() => setInspecting(null)} />
      ) : null}
      {removing ? (
        <RemoveDialog
          hostId={hostId}
          hostName={hostName}
          kind={kind}
          {...removing}
          onClose={() => setRemoving(null)}
        />
      ) : null}
      {pruning ? (
        <PruneDialog hostId={hostId} hostName={hostName} kind={kind} onClose={() => setPruning(false)} />
      ) : null}
    </Card>
  );
}

/** A name that opens the detail, and (for admins) a remove button. */
export function NameCell({ label, onOpen }: { label: string; onOpen: () => void }) {
  return (
    <Td>
      <button type="button" className="text-left font-medium text-accent hover:underline" onClick={onOpen}>
        {label}
      </button>
    </Td>
  );
}

export function RemoveCell({ label, onRemove }: { label: string; onRemove: () => void }) {
  return (
    <Td className="w-12">
      <Button size="icon" variant="ghost" aria-label={`Remove ${label}`} onClick={onRemove}>
        <Trash2 aria-hidden size={15} />
      </Button>
    </Td>
  );
}

export function UsedByCell({ names }: { names: string[] | undefined }) {
  if (!names) return <Td className="text-muted">—</Td>;
  if (names.length === 0) return <Td className="text-muted">unused</Td>;
  const shown = names.slice(0, 3).join(', ');
  return (
    <Td title={names.join(', ')}>
      {shown}
      {names.length > 3 ? ` +${names.length - 3}` : ''}
    </Td>
  );
}
