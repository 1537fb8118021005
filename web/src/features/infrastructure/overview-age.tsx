import { AlertTriangle } from 'lucide-react';
import { describeError } from '../../api/api-error';
import { formatRelative } from '../../lib/format-time';
import { useNow } from '../../lib/use-now';
import { useInfrastructureOverview } from '../../api/use-infrastructure';

/** "updated 4 s ago", or why the page is showing older data. */
export function OverviewAge() {
  const overview = useInfrastructureOverview();
  const now = useNow(1000);
  if (!overview.data) return null;
  const age = formatRelative(new Date(overview.dataUpdatedAt).toISOString(), now);
  if (overview.isError)
    return (
      <p role="alert" className="flex items-center gap-1.5 text-[0.88rem] text-danger">
        <AlertTriangle aria-hidden size={14} />
        Could not refresh ({describeError(overview.error)}); showing data from {age}
      </p>
    );
  return (
    <p className="text-[0.88rem] text-muted" aria-live="off">
      updated {age}
    </p>
  );
}
