import type { InfraSource, InfraTile } from '@archnest/contract';
import { Badge } from '../../components/ui/badge';
import { cn } from '../../lib/cn';
import { KindIcon } from '../../components/ui/kind-icon';
import { HealthBar } from './health-bar';
import { HealthDot } from './health-dot';
import { RefreshSourceButton, SourceFreshness } from './source-status';

interface InfraTileCardProps {
  tile: InfraTile;
  source: InfraSource | undefined;
  selected: boolean;
  now: number;
  onOpen: (tile: InfraTile) => void;
}

/** One Node Status tile: the button opens its members; the refresh button polls its source. */
export function InfraTileCard({ tile, source, selected, now, onOpen }: InfraTileCardProps) {
  return (
    <article
      aria-label={tile.title}
      data-tile={tile.id}
      className={cn(
        'flex flex-col gap-3 rounded-ui-lg border bg-surface p-4 shadow-ui transition',
        selected ? 'border-accent ring-2 ring-accent/30' : 'border-border hover:border-accent/50',
        source?.state === 'error' && !selected && 'border-danger/50',
      )}
    >
      <button
        type="button"
        data-tile-button={tile.id}
        aria-pressed={selected}
        aria-label={`Open ${tile.title}: ${tile.summary}`}
        onClick={() => onOpen(tile)}
        className="-m-1 flex flex-col gap-2.5 rounded-ui p-1 text-left outline-none focus-visible:ring-2 focus-visible:ring-accent/50"
      >
        <div className="flex items-start gap-2.5">
          <span className="flex h-9 w-9 shrink-0 items-center justify-center rounded-ui-sm bg-surface-2 text-muted">
            <KindIcon kind={tile.kind} size={18} />
          </span>
          <div className="min-w-0 flex-1">
            <p className="flex items-center gap-2 font-semibold">
              <HealthDot health={tile.health} />
              <span className="truncate">{tile.title}</span>
            </p>
            {tile.subtitle ? <p className="truncate text-[0.85rem] text-muted">{tile.subtitle}</p> : null}
          </div>
          <Badge>{tile.memberCount}</Badge>
        </div>
        <p className="text-[0.92rem]">{tile.summary}</p>
        <HealthBar counts={tile.counts} />
      </button>
      {source ? (
        <div className="flex items-end justify-between gap-2 border-t border-border pt-2">
          <SourceFreshness source={source} now={now} />
          <RefreshSourceButton source={source} />
        </div>
      ) : null}
    </article>
  );
}

/** A source with no tile yet (first poll pending or failed) still shows its state and refresh. */
export function SourceOnlyCard({ source, now }: { source: InfraSource; now: number }) {
  return (
    <article
      aria-label={source.name}
      className={cn(
        'flex flex-col gap-3 rounded-ui-lg border border-dashed bg-surface p-4',
        source.state === 'error' ? 'border-danger/50' : 'border-border',
      )}
    >
      <div className="flex items-start gap-2.5">
        <span className="flex h-9 w-9 shrink-0 items-center justify-center rounded-ui-sm bg-surface-2 text-muted">
          <KindIcon kind={source.kind} size={18} />
        </span>
        <div className="min-w-0 flex-1">
          <p className="truncate font-semibold">{source.name}</p>
          <p className="text-[0.85rem] text-muted">No resources yet</p>
        </div>
      </div>
      <div className="flex items-end justify-between gap-2 border-t border-border pt-2">
        <SourceFreshness source={source} now={now} />
        <RefreshSourceButton source={source} />
      </div>
    </article>
  );
}
