import type { HostReachability } from '@archnest/contract';
import { Badge } from './ui/badge';

/** An SSH host's last port check: "Up · 12 ms", "Down" (the reason on hover) or "Not checked". */
export function ReachabilityBadge({ reachability }: { reachability: HostReachability | undefined }) {
  if (!reachability || reachability.state === 'unknown') {
    return (
      <Badge title={reachability?.error ?? 'Waiting for the first check'} data-reachability="unknown">
        Not checked
      </Badge>
    );
  }
  const when = reachability.checkedAt ? `Checked ${new Date(reachability.checkedAt).toLocaleString()}` : '';
  if (reachability.state === 'up') {
    return (
      <Badge
        tone="success"
        title={[reachability.banner, when].filter(Boolean).join(' · ')}
        data-reachability="up"
      >
        Up{reachability.latencyMs !== null ? ` · ${reachability.latencyMs} ms` : ''}
      </Badge>
    );
  }
  return (
    <Badge
      tone="danger"
      title={[reachability.error, when].filter(Boolean).join(' · ')}
      data-reachability="down"
    >
      Down
    </Badge>
  );
}
