import type { BulkActionResults } from '@archnest/contract';
import { CheckCircle2, X, XCircle } from 'lucide-react';
import { Button } from '../../components/ui/button';

/** What a bulk action did, one line per container, until dismissed. */
export function BulkResults({
  action,
  results,
  names,
  onClose,
}: {
  action: string;
  results: BulkActionResults['results'];
  names: Map<string, string>;
  onClose: () => void;
}) {
  const failed = results.filter((r) => !r.ok).length;
  return (
    <div
      role="status"
      aria-label="Bulk action results"
      className="border-b border-border bg-surface-2/60 px-4 py-3 text-[0.9rem]"
    >
      <div className="flex items-center gap-2 font-medium">
        <span className="flex-1">
          {action}: {results.length - failed} of {results.length} done
          {failed ? `, ${failed} failed` : ''}
        </span>
        <Button size="icon" variant="ghost" aria-label="Dismiss results" onClick={onClose}>
          <X aria-hidden size={16} />
        </Button>
      </div>
      <ul className="mt-1 flex flex-col gap-0.5">
        {results.map((r) => (
          <li key={`${r.hostId}/${r.ref}`} className="flex items-start gap-2" data-result={r.ref}>
            {r.ok ? (
              <CheckCircle2 aria-hidden size={16} className="mt-0.5 shrink-0 text-success" />
            ) : (
              <XCircle aria-hidden size={16} className="mt-0.5 shrink-0 text-danger" />
            )}
            <span>
              <span className="font-medium">{r.ref}</span>
              <span className="text-muted"> on {names.get(r.hostId) ?? r.hostId}: </span>
              {r.ok ? 'done' : (r.message ?? r.error ?? 'failed')}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
