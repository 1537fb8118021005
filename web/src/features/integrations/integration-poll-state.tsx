import type { InfraSource } from '@archnest/contract';
import { Badge } from '../../components/ui/badge';
import { formatDateTime } from '../../lib/format-time';
import { useNow } from '../../lib/use-now';
import { RelativeTime } from '../../components/ui/relative-time';

/** The latest poll of one integration, read from the Infrastructure overview. */
export function IntegrationPollState({ source }: { source: InfraSource | undefined }) {
  const now = useNow(5000);
  if (!source) return <span className="text-[0.88rem] text-muted">Not polled yet</span>;
  const last = source.lastSuccessAt ? (
    <span className="text-[0.82rem] text-muted" title={formatDateTime(source.lastSuccessAt)}>
      last success <RelativeTime iso={source.lastSuccessAt} now={now} />
    </span>
  ) : null;
  if (source.state === 'pending')
    return (
      <div className="flex flex-col items-start gap-0.5">
        <Badge>Waiting for first poll</Badge>
      </div>
    );
  if (source.state === 'error')
    return (
      <div className="flex max-w-72 flex-col items-start gap-0.5">
        <Badge tone="danger">Error</Badge>
        <span className="truncate text-[0.82rem] text-danger" title={source.error?.message}>
          {source.error?.message ?? 'The latest poll failed.'}
        </span>
        {last}
      </div>
    );
  return (
    <div className="flex flex-col items-start gap-0.5">
      <Badge tone="success">OK</Badge>
      {last}
    </div>
  );
}
