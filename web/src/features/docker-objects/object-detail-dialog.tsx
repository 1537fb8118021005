import type { ContainerUse, ImageDetail, NetworkDetail, VolumeDetail } from '@archnest/contract';
import type { ReactNode } from 'react';
import { Dialog } from '../../components/ui/dialog';
import { ErrorState, LoadingRows } from '../../components/ui/states';
import { formatBytes } from '../../lib/format-bytes';
import { formatDateTime } from '../../lib/format-time';
import { useObjectDetail, type ObjectKind } from './use-docker-objects';

type Row = [string, ReactNode];

const list = (values: string[]) => (values.length ? values.join(', ') : '—');
const labels = (record: Record<string, string>) =>
  Object.keys(record).length ? (
    <ul>
      {Object.entries(record).map(([k, v]) => (
        <li key={k}>
          <code>{k}</code>={v}
        </li>
      ))}
    </ul>
  ) : (
    '—'
  );

function imageRows(d: ImageDetail): Row[] {
  return [
    [
      'ID',
      <code key="id" className="break-all">
        {d.id}
      </code>,
    ],
    ['Tags', list(d.tags)],
    ['Digests', list(d.digests)],
    ['Size', d.sizeBytes === undefined ? '—' : formatBytes(d.sizeBytes)],
    ['Created', d.createdAt ? formatDateTime(d.createdAt) : '—'],
    ['Platform', [d.os, d.architecture].filter(Boolean).join('/') || '—'],
    ['Layers', String(d.layers)],
    ['Entrypoint', list(d.entrypoint)],
    ['Command', list(d.cmd)],
    ['Working dir', d.workingDir ?? '—'],
    ['Exposed ports', list(d.exposedPorts)],
    ['Labels', labels(d.labels)],
  ];
}

function volumeRows(d: VolumeDetail): Row[] {
  return [
    ['Name', d.name],
    ['Driver', d.driver],
    ['Mount point', d.mountpoint ? <code className="break-all">{d.mountpoint}</code> : '—'],
    ['Scope', d.scope ?? '—'],
    ['Created', d.createdAt ? formatDateTime(d.createdAt) : '—'],
    ['Options', labels(d.options)],
    ['Labels', labels(d.labels)],
  ];
}

function networkRows(d: NetworkDetail): Row[] {
  return [
    [
      'ID',
      <code key="id" className="break-all">
        {d.id}
      </code>,
    ],
    ['Driver', d.driver],
    ['Scope', d.scope ?? '—'],
    ['Internal', d.internal ? 'yes' : 'no'],
    ['Subnets', list(d.subnets.map((s) => (s.gateway ? `${s.subnet} (gateway ${s.gateway})` : s.subnet)))],
    ['Created', d.createdAt ? formatDateTime(d.createdAt) : '—'],
    ['Built in', d.builtIn ? "yes: one of Docker's own networks" : 'no'],
    ['Labels', labels(d.labels)],
  ];
}

function UsedBy({ uses }: { uses: ContainerUse[] }) {
  if (uses.length === 0) return <p className="text-muted">No container uses it.</p>;
  return (
    <ul aria-label="Used by" className="flex flex-col gap-1">
      {uses.map((u) => (
        <li key={u.id}>
          <span className="font-medium">{u.name}</span> <span className="text-muted">({u.state})</span>
        </li>
      ))}
    </ul>
  );
}

/** One image, volume or network in detail, with the containers that use it. */
export function ObjectDetailDialog({
  hostId,
  kind,
  target,
  label,
  onClose,
}: {
  hostId: string;
  kind: ObjectKind;
  target: string;
  label: string;
  onClose: () => void;
}) {
  const detail = useObjectDetail(hostId, kind, target);
  const data = detail.data;
  const rows: Row[] = !data
    ? []
    : kind === 'images'
      ? imageRows(data as ImageDetail)
      : kind === 'volumes'
        ? volumeRows(data as VolumeDetail)
        : networkRows(data as NetworkDetail);
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={label}>
      {detail.isPending ? <LoadingRows rows={4} label="Loading details" /> : null}
      {detail.isError ? <ErrorState error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {data ? (
        <div className="flex max-h-[65vh] flex-col gap-4 overflow-y-auto">
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1.5 text-[0.9rem]">
            {rows.map(([term, value]) => (
              <div key={term} className="contents">
                <dt className="text-muted">{term}</dt>
                <dd className="min-w-0 break-words">{value}</dd>
              </div>
            ))}
          </dl>
          <section>
            <h3 className="mb-1 font-semibold">Used by</h3>
            <UsedBy uses={data.usedBy} />
          </section>
        </div>
      ) : null}
    </Dialog>
  );
}
