import type { InfraSource } from '@archnest/contract';
import { AlertTriangle, RefreshCw } from 'lucide-react';
import { Button } from '../../components/ui/button';
import { formatDateTime } from '../../lib/format-time';
import { useRefreshSource } from '../../api/use-infrastructure';
import { RelativeTime } from '../../components/ui/relative-time';

/** When the source last answered, and its latest error; the data shown may be older than the error. */
export function SourceFreshness({ source, now }: { source: InfraSource; now: number }) {
  return (
    <div className="flex min-w-0 flex-col gap-0.5 text-[0.8rem]">
      {source.state === 'error' ? (
        <p role="alert" className="flex items-start gap-1 text-danger" title={source.error?.message}>
          <AlertTriangle aria-hidden size={13} className="mt-0.5 shrink-0" />
          <span className="line-clamp-2">{source.error?.message ?? 'The latest poll failed.'}</span>
        </p>
      ) : null}
      <p className="truncate text-muted">
        {source.lastSuccessAt ? (
          <span title={formatDateTime(source.lastSuccessAt)}>
            polled <RelativeTime iso={source.lastSuccessAt} now={now} />
          </span>
        ) : source.state === 'pending' ? (
          'waiting for the first poll'
        ) : (
          'never polled successfully'
        )}
      </p>
    </div>
  );
}

export function RefreshSourceButton({ source }: { source: InfraSource }) {
  const refresh = useRefreshSource();
  if (!source.refreshable) return null;
  return (
    <Button
      size="icon"
      variant="ghost"
      aria-label={`Refresh ${source.name}`}
      title={`Poll ${source.name} now`}
      disabled={refresh.isPending}
      onClick={() => refresh.mutate(source)}
      className="text-muted hover:text-fg"
    >
      <RefreshCw aria-hidden size={15} className={refresh.isPending ? 'animate-spin' : undefined} />
    </Button>
  );
}
