import { ContainerState, type TableHost } from '@archnest/contract';
import { Search } from 'lucide-react';
import { Input, Select } from '../../components/ui/input';
import { SwitchField } from '../../components/ui/switch';
import type { TableFilter } from './use-all-containers';

/** Host, state and name filters, and the "Show stopped" switch. */
export function AllContainersFilters({
  hosts,
  filter,
  onFilter,
  showStopped,
  onShowStopped,
}: {
  hosts: TableHost[];
  filter: TableFilter;
  onFilter: (next: TableFilter) => void;
  showStopped: boolean;
  onShowStopped: (next: boolean) => void;
}) {
  return (
    <>
      <div className="relative w-full max-w-64">
        <Search aria-hidden size={15} className="absolute top-1/2 left-3 -translate-y-1/2 text-muted" />
        <Input
          type="search"
          aria-label="Search containers"
          placeholder="Filter by name"
          value={filter.name}
          onChange={(e) => onFilter({ ...filter, name: e.target.value })}
          className="pl-8"
        />
      </div>
      <Select
        aria-label="Filter by host"
        value={filter.host}
        onChange={(e) => onFilter({ ...filter, host: e.target.value })}
        className="w-48"
      >
        <option value="">All hosts</option>
        {hosts.map((h) => (
          <option key={h.key} value={h.key}>
            {h.readOnly ? `${h.name} (agent)` : h.name}
          </option>
        ))}
      </Select>
      <Select
        aria-label="Filter by state"
        value={filter.state}
        onChange={(e) => onFilter({ ...filter, state: e.target.value as TableFilter['state'] })}
        className="w-36"
      >
        <option value="">Any state</option>
        {ContainerState.options.map((state) => (
          <option key={state} value={state}>
            {state}
          </option>
        ))}
      </Select>
      <div className="whitespace-nowrap [&>div]:gap-3">
        <SwitchField label="Show stopped" checked={showStopped} onCheckedChange={onShowStopped} />
      </div>
    </>
  );
}
