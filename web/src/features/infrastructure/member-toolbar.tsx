import type { InfraHealth } from '@archnest/contract';
import { ArrowDownWideNarrow, ArrowUpNarrowWide, Search } from 'lucide-react';
import { Button } from '../../components/ui/button';
import { Input, Select } from '../../components/ui/input';
import { healthLabels, healthOrder } from './health';
import { sortLabels, type MemberQuery, type MemberSortKey } from './member-query';

interface MemberToolbarProps {
  query: MemberQuery;
  onChange: (query: MemberQuery) => void;
}

export function MemberToolbar({ query, onChange }: MemberToolbarProps) {
  const DirectionIcon = query.descending ? ArrowDownWideNarrow : ArrowUpNarrowWide;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <div className="relative min-w-56 flex-1">
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
      <div className="w-40">
        <Select
          aria-label="Filter by status"
          value={query.health}
          onChange={(e) => onChange({ ...query, health: e.target.value as InfraHealth | 'all' })}
        >
          <option value="all">All statuses</option>
          {healthOrder.map((health) => (
            <option key={health} value={health}>
              {healthLabels[health]}
            </option>
          ))}
        </Select>
      </div>
      <div className="w-40">
        <Select
          aria-label="Sort by"
          value={query.sort}
          onChange={(e) => onChange({ ...query, sort: e.target.value as MemberSortKey })}
        >
          {Object.entries(sortLabels).map(([key, label]) => (
            <option key={key} value={key}>
              Sort: {label}
            </option>
          ))}
        </Select>
      </div>
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
    </div>
  );
}
