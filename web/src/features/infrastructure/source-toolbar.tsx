import type { InfraHealth, InfraResourceType } from '@archnest/contract';
import { ArrowDownWideNarrow, ArrowUpNarrowWide, FilterX, Search } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button } from '../../components/ui/button';
import { Input, Select } from '../../components/ui/input';
import { healthLabels, healthOrder, typeLabels } from './health';
import {
  defaultSourceQuery,
  sourceSortLabels,
  type SourceFacets,
  type SourceSortKey,
  type SourceTableQuery,
} from './source-table-query';

interface SourceToolbarProps {
  query: SourceTableQuery;
  facets: SourceFacets;
  /** The sort keys this kind's columns offer. */
  sortKeys: SourceSortKey[];
  onChange: (query: SourceTableQuery) => void;
}

function Filter({
  label,
  value,
  onChange,
  children,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  children: ReactNode;
}) {
  return (
    <div className="w-[calc(50%-0.25rem)] sm:w-40">
      <Select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        {children}
      </Select>
    </div>
  );
}

/** Search, the filters the source's members make sensible (a node filter only where there are nodes), and sort. */
export function SourceToolbar({ query, facets, sortKeys, onChange }: SourceToolbarProps) {
  const DirectionIcon = query.descending ? ArrowDownWideNarrow : ArrowUpNarrowWide;
  const filtered =
    query.search !== '' ||
    query.status !== 'all' ||
    query.type !== 'all' ||
    query.node !== '' ||
    query.tag !== '' ||
    query.region !== '';
  return (
    <div className="flex flex-wrap items-center gap-2">
      <div className="relative w-full min-w-0 sm:w-auto sm:min-w-56 sm:flex-1">
        <Search aria-hidden size={15} className="pointer-events-none absolute top-2.5 left-2.5 text-muted" />
        <Input
          type="search"
          aria-label="Search members"
          placeholder="Search name, id, tags, details…"
          className="pl-8"
          value={query.search}
          onChange={(e) => onChange({ ...query, search: e.target.value })}
        />
      </div>
      <Filter
        label="Filter by status"
        value={query.status}
        onChange={(v) => onChange({ ...query, status: v as InfraHealth | 'all' })}
      >
        <option value="all">All statuses</option>
        {healthOrder.map((health) => (
          <option key={health} value={health}>
            {healthLabels[health]}
          </option>
        ))}
      </Filter>
      {facets.types.length > 1 ? (
        <Filter
          label="Filter by type"
          value={query.type}
          onChange={(v) => onChange({ ...query, type: v as InfraResourceType | 'all' })}
        >
          <option value="all">All types</option>
          {facets.types.map((type) => (
            <option key={type} value={type}>
              {typeLabels[type]}
            </option>
          ))}
        </Filter>
      ) : null}
      {facets.nodes.length > 0 ? (
        <Filter label="Filter by node" value={query.node} onChange={(node) => onChange({ ...query, node })}>
          <option value="">All nodes</option>
          {facets.nodes.map((node) => (
            <option key={node} value={node}>
              {node}
            </option>
          ))}
        </Filter>
      ) : null}
      {facets.regions.length > 0 ? (
        <Filter
          label="Filter by region"
          value={query.region}
          onChange={(region) => onChange({ ...query, region })}
        >
          <option value="">All regions</option>
          {facets.regions.map((region) => (
            <option key={region} value={region}>
              {region}
            </option>
          ))}
        </Filter>
      ) : null}
      {facets.tags.length > 0 ? (
        <Filter label="Filter by tag" value={query.tag} onChange={(tag) => onChange({ ...query, tag })}>
          <option value="">All tags</option>
          {facets.tags.map((tag) => (
            <option key={tag} value={tag}>
              {tag}
            </option>
          ))}
        </Filter>
      ) : null}
      <Filter
        label="Sort by"
        value={query.sort}
        onChange={(v) => onChange({ ...query, sort: v as SourceSortKey })}
      >
        {sortKeys.map((key) => (
          <option key={key} value={key}>
            Sort: {sourceSortLabels[key]}
          </option>
        ))}
      </Filter>
      <Button
        size="icon"
        aria-label={
          query.descending ? 'Sort descending (click for ascending)' : 'Sort ascending (click for descending)'
        }
        title={query.descending ? 'Descending' : 'Ascending'}
        onClick={() => onChange({ ...query, descending: !query.descending })}
      >
        <DirectionIcon aria-hidden size={16} />
      </Button>
      {filtered ? (
        <Button
          variant="ghost"
          onClick={() => onChange({ ...defaultSourceQuery, sort: query.sort, descending: query.descending })}
        >
          <FilterX aria-hidden size={15} />
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}
