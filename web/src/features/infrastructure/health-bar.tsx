import type { InfraHealthCounts } from '@archnest/contract';
import { countsTotal, healthFill, healthLabels, healthOrder } from './health';

/** One bar split by member health, widest segment for the most members. */
export function HealthBar({ counts }: { counts: InfraHealthCounts }) {
  const total = countsTotal(counts);
  const description = healthOrder
    .filter((health) => counts[health] > 0)
    .map((health) => `${counts[health]} ${healthLabels[health].toLowerCase()}`)
    .join(', ');
  return (
    <div
      role="img"
      aria-label={total === 0 ? 'No members' : description}
      title={description}
      className="flex h-1.5 w-full overflow-hidden rounded-full bg-surface-2"
    >
      {total > 0
        ? [...healthOrder]
            .reverse()
            .map((health) =>
              counts[health] > 0 ? (
                <div
                  key={health}
                  className={healthFill[health]}
                  style={{ width: `${(counts[health] / total) * 100}%` }}
                />
              ) : null,
            )
        : null}
    </div>
  );
}
