import type {
  InfraHealthCounts,
  InfraSource,
  InfraSourceMember,
  InfraSourceMembers,
  InfraTile,
} from '@archnest/contract';
import { SearchX } from 'lucide-react';
import { useDeferredValue, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { isApiError } from '../../api/api-error';
import { Card } from '../../components/ui/card';
import { EmptyState, ErrorState, LoadingRows } from '../../components/ui/states';
import { consoleTerminalHref } from '../../lib/console-link';
import { countNoun } from '../../lib/count-noun';
import { useCurrentUser } from '../../lib/current-user-context';
import { useFeature } from '../../lib/use-features';
import { guestTarget } from './guest-actions';
import { GuestActionsMenu } from './guest-actions-menu';
import { GuestConsole, type OpenConsole } from './guest-console';
import { GuestTaskList } from './guest-task-list';
import { HealthBar } from './health-bar';
import { RefreshSourceButton, SourceFreshness } from './source-status';
import { SourceTable } from './source-table';
import { columnsFor } from './source-table-columns';
import {
  applySourceQuery,
  indexSourceMembers,
  parseSourceQuery,
  sourceFacets,
  writeSourceQuery,
  type SourceSortKey,
  type SourceTableQuery,
} from './source-table-query';
import { SourceToolbar } from './source-toolbar';
import { useInfrastructureSourceMembers } from '../../api/use-infrastructure';

function sumCounts(tiles: readonly InfraTile[]): InfraHealthCounts {
  const sum: InfraHealthCounts = { ok: 0, warning: 0, error: 0, off: 0, unknown: 0 };
  for (const tile of tiles)
    for (const key of Object.keys(sum) as (keyof InfraHealthCounts)[]) sum[key] += tile.counts[key];
  return sum;
}

interface SourceTabProps {
  source: InfraSource;
  now: number;
}

function Members({ data, now }: { data: InfraSourceMembers; now: number }) {
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const query = useMemo(() => parseSourceQuery(new URLSearchParams(search)), [search]);
  const deferred = useDeferredValue(query);
  const isAdmin = useCurrentUser().role === 'admin';
  const powerOn = useFeature('proxmoxPowerActions');
  const consolesOn = useFeature('proxmoxConsoles');
  const [console, setConsole] = useState<OpenConsole | null>(null);
  const source = data.source;
  const indexed = useMemo(() => indexSourceMembers(data.members), [data.members]);
  const facets = useMemo(() => sourceFacets(data.members), [data.members]);
  const counts = useMemo(() => sumCounts(data.tiles), [data.tiles]);
  const shown = useMemo(() => applySourceQuery(indexed, deferred), [indexed, deferred]);
  const columns = useMemo(() => columnsFor(source.kind), [source.kind]);
  const sortKeys = useMemo(() => columns.flatMap((c) => (c.sort ? [c.sort] : [])), [columns]);
  const setQuery = (next: SourceTableQuery) => setParams(writeSourceQuery(params, next), { replace: true });
  const onSort = (sort: SourceSortKey) =>
    setQuery({ ...query, sort, descending: query.sort === sort ? !query.descending : false });

  const proxmoxAdmin = isAdmin && source.kind === 'proxmox' && source.id.startsWith('integration:');
  const power = proxmoxAdmin && powerOn;
  const openConsole = proxmoxAdmin && consolesOn ? setConsole : null;
  const renderActions =
    power || openConsole
      ? (member: InfraSourceMember) => {
          const target = guestTarget(source, member);
          if (!target) return null;
          return (
            <GuestActionsMenu
              resource={member}
              target={target}
              power={power}
              terminalHref={
                openConsole
                  ? consoleTerminalHref({
                      integrationId: target.integrationId,
                      node: target.node,
                      guestType: target.guestType,
                      vmid: Number(target.vmid),
                      title: `${member.name} (${member.id})`,
                    })
                  : undefined
              }
              onConsole={
                openConsole
                  ? () =>
                      openConsole({
                        target: {
                          kind: 'pve',
                          integrationId: target.integrationId,
                          node: target.node,
                          guestType: target.guestType,
                          vmid: Number(target.vmid),
                        },
                        title: `${member.name} (${member.id})`,
                      })
                  : undefined
              }
            />
          );
        }
      : undefined;
  const total = data.members.length;
  return (
    <div className="flex flex-col gap-3">
      <HealthBar counts={counts} />
      <SourceToolbar query={query} facets={facets} sortKeys={sortKeys} onChange={setQuery} />
      <p data-member-count={shown.length} aria-live="polite" className="text-[0.88rem] text-muted">
        {shown.length === total
          ? countNoun(total, 'member')
          : `Showing ${shown.length.toLocaleString()} of ${countNoun(total, 'member')}`}
      </p>
      {shown.length > 0 ? (
        <SourceTable
          members={shown}
          columns={columns}
          label={`Members of ${source.name}`}
          query={query}
          onSort={onSort}
          renderActions={renderActions}
        />
      ) : (
        <EmptyState
          icon={<SearchX size={28} strokeWidth={1.5} />}
          title={total === 0 ? 'No members' : 'No members match'}
          description={total === 0 ? 'This source reports nothing yet.' : 'Change the search or the filters.'}
        />
      )}
      {console ? (
        <GuestConsole key={JSON.stringify(console.target)} open={console} onClose={() => setConsole(null)} />
      ) : null}
      {power ? (
        <div className="border-t border-border pt-4">
          <GuestTaskList integrationId={source.id.slice('integration:'.length)} now={now} />
        </div>
      ) : null}
    </div>
  );
}

/** One integration's own tab (pro): every member of the source as a full table. */
export function SourceTab({ source, now }: SourceTabProps) {
  const members = useInfrastructureSourceMembers(source.id, source.lastSuccessAt);
  const data = members.data;
  return (
    <Card aria-labelledby={`source-heading-${source.id}`} className="flex flex-col">
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-border px-5 py-4">
        <div className="min-w-0">
          <h2 id={`source-heading-${source.id}`} className="truncate text-[1.05rem] font-semibold">
            {source.name}
          </h2>
          <SourceFreshness source={source} now={now} />
        </div>
        <RefreshSourceButton source={source} />
      </div>
      <div className="px-5 py-4">
        {members.isPending ? <LoadingRows label="Loading members" /> : null}
        {!data && isApiError(members.error) && members.error.status === 404 ? (
          <EmptyState title="This source is gone" description="It was removed or you may not see it." />
        ) : !data && members.isError ? (
          <ErrorState error={members.error} onRetry={() => void members.refetch()} />
        ) : null}
        {data ? <Members data={data} now={now} /> : null}
      </div>
    </Card>
  );
}
