import type { Host } from '@archnest/contract';
import { ArrowDown, ArrowUp, Plus, X } from 'lucide-react';
import { useId, useState } from 'react';
import { Button } from '../../components/ui/button';
import { Select } from '../../components/ui/input';

const MAX_HOPS = 8;

interface JumpChainPickerProps {
  /** Hosts that may be hops: every host but the one being edited. */
  candidates: Host[];
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string | undefined;
}

/** An ordered list of jump hosts: the connection goes through them top to bottom, then to the target. */
export function JumpChainPicker({ candidates, value, onChange, error }: JumpChainPickerProps) {
  const selectId = useId();
  const [adding, setAdding] = useState('');
  const byId = new Map(candidates.map((host) => [host.id, host]));
  const available = candidates.filter((host) => !value.includes(host.id));

  const move = (index: number, by: -1 | 1) => {
    const next = [...value];
    const [item] = next.splice(index, 1);
    if (item === undefined) return;
    next.splice(index + by, 0, item);
    onChange(next);
  };

  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1.5 text-[0.9rem] font-medium">Jump hosts</legend>
      {value.length === 0 ? (
        <p className="text-[0.85rem] text-muted">Direct connection, no jump hosts.</p>
      ) : (
        <ol aria-label="Jump chain" className="flex flex-col gap-1">
          {value.map((id, index) => {
            const host = byId.get(id);
            const name = host?.name ?? 'Unknown host';
            return (
              <li
                key={id}
                className="flex items-center gap-2 rounded-ui-sm border border-border bg-surface-2/50 px-2 py-1"
              >
                <span className="w-5 text-center text-[0.8rem] text-muted tabular-nums">{index + 1}</span>
                <span className="min-w-0 flex-1 truncate">
                  <span className="font-medium">{name}</span>
                  {host ? (
                    <span className="ml-2 font-mono text-[0.8rem] text-muted">
                      {host.address}:{host.port}
                    </span>
                  ) : null}
                </span>
                <Button
                  size="icon"
                  variant="ghost"
                  aria-label={`Move ${name} up`}
                  disabled={index === 0}
                  onClick={() => move(index, -1)}
                >
                  <ArrowUp aria-hidden size={15} />
                </Button>
                <Button
                  size="icon"
                  variant="ghost"
                  aria-label={`Move ${name} down`}
                  disabled={index === value.length - 1}
                  onClick={() => move(index, 1)}
                >
                  <ArrowDown aria-hidden size={15} />
                </Button>
                <Button
                  size="icon"
                  variant="ghost"
                  aria-label={`Remove ${name} from the jump chain`}
                  onClick={() => onChange(value.filter((other) => other !== id))}
                >
                  <X aria-hidden size={15} />
                </Button>
              </li>
            );
          })}
        </ol>
      )}
      {available.length > 0 && value.length < MAX_HOPS ? (
        <div className="flex items-center gap-2">
          <label htmlFor={selectId} className="sr-only">
            Jump host to add
          </label>
          <Select id={selectId} value={adding} onChange={(e) => setAdding(e.target.value)}>
            <option value="">Choose a host to jump through…</option>
            {available.map((host) => (
              <option key={host.id} value={host.id}>
                {host.name} ({host.address})
              </option>
            ))}
          </Select>
          <Button
            disabled={adding === ''}
            onClick={() => {
              onChange([...value, adding]);
              setAdding('');
            }}
          >
            <Plus aria-hidden size={15} />
            Add hop
          </Button>
        </div>
      ) : null}
      {error ? <p className="text-[0.85rem] text-danger">{error}</p> : null}
    </fieldset>
  );
}
