import type { InfraOverview, InfraTile } from '@archnest/contract';
import { Network } from 'lucide-react';
import { useCallback } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Card } from '../../components/ui/card';
import { ErrorState, Skeleton } from '../../components/ui/states';
import { useNow } from '../../lib/use-now';
import { useCurrentUser } from '../../lib/current-user-context';
import { settingsHref } from '../../lib/settings-href';
import { InfraLegend } from './infra-legend';
import { InfraTileCard, SourceOnlyCard } from './infra-tile-card';
import { NodeDetailCard } from './node-detail-card';
import { useInfrastructureOverview } from '../../api/use-infrastructure';

const grid = 'grid gap-4 grid-cols-[repeat(auto-fill,minmax(17rem,1fr))]';

function AddIntegrationHint({ isAdmin }: { isAdmin: boolean }) {
  return isAdmin ? (
    <>
      No integrations yet — add one in{' '}
      <Link to={settingsHref('integrations')} className="font-medium text-accent hover:underline">
        Settings &gt; Integrations
      </Link>
      .
    </>
  ) : (
    'No integrations yet — an admin adds them in Settings > Integrations.'
  );
}

function NoSources({ isAdmin }: { isAdmin: boolean }) {
  return (
    <Card>
      <div className="flex flex-col items-center gap-1.5 px-6 py-10 text-center">
        <Network aria-hidden size={28} strokeWidth={1.5} className="mb-1 text-muted" />
        <p className="font-medium">Nothing to show yet</p>
        <p className="max-w-md text-[0.9rem] text-muted">
          <AddIntegrationHint isAdmin={isAdmin} />
        </p>
      </div>
    </Card>
  );
}

interface TileGridProps {
  overview: InfraOverview;
  selected: string | null;
  now: number;
  onOpen: (tile: InfraTile) => void;
}

function TileGrid({ overview, selected, now, onOpen }: TileGridProps) {
  const sources = new Map(overview.sources.map((source) => [source.id, source]));
  const withTiles = new Set(overview.tiles.map((tile) => tile.sourceId));
  return (
    <section aria-label="Node status" className={grid}>
      {overview.tiles.map((tile) => (
        <InfraTileCard
          key={tile.id}
          tile={tile}
          source={sources.get(tile.sourceId)}
          selected={tile.id === selected}
          now={now}
          onOpen={onOpen}
        />
      ))}
      {overview.sources
        .filter((source) => !withTiles.has(source.id))
        .map((source) => (
          <SourceOnlyCard key={source.id} source={source} now={now} />
        ))}
    </section>
  );
}

function tileVersion(overview: InfraOverview, tileId: string): string | null {
  const sourceId = overview.tiles.find((tile) => tile.id === tileId)?.sourceId;
  return overview.sources.find((source) => source.id === sourceId)?.lastSuccessAt ?? null;
}

/** Node Status tiles; the selected tile (kept in the URL) opens its members below the grid. */
export function InfraOverviewPanel() {
  const user = useCurrentUser();
  const overview = useInfrastructureOverview();
  const now = useNow(1000);
  const [params, setParams] = useSearchParams();
  const selected = params.get('tile');

  const open = (tile: InfraTile) => setParams({ tile: tile.id }, { replace: true });
  const close = useCallback(() => {
    const id = params.get('tile');
    setParams({}, { replace: true });
    if (id) document.querySelector<HTMLElement>(`[data-tile-button="${CSS.escape(id)}"]`)?.focus();
  }, [params, setParams]);

  if (overview.isPending)
    return (
      <div role="status" aria-label="Loading infrastructure" className={grid}>
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-36 w-full" />
        ))}
      </div>
    );
  if (overview.isError && !overview.data)
    return (
      <Card>
        <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />
      </Card>
    );
  const data = overview.data;
  const isAdmin = user.role === 'admin';
  if (data.sources.length === 0) return <NoSources isAdmin={isAdmin} />;
  // Docker and SSH hosts show up on their own; integrations are what an admin adds here for.
  const hasIntegrations = data.sources.some((source) => source.id.startsWith('integration:'));
  return (
    <div className="flex flex-col gap-4">
      {hasIntegrations ? null : (
        <p className="rounded-ui border border-border bg-surface px-4 py-2.5 text-[0.9rem] text-muted">
          <AddIntegrationHint isAdmin={isAdmin} />
        </p>
      )}
      <InfraLegend />
      <TileGrid overview={data} selected={selected} now={now} onOpen={open} />
      {selected ? (
        <NodeDetailCard
          key={selected}
          tileId={selected}
          version={tileVersion(data, selected)}
          now={now}
          onClose={close}
        />
      ) : null}
    </div>
  );
}
