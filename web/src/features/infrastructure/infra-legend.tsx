import { healthLabels, healthOrder } from './health';
import { HealthDot } from './health-dot';
import { perNodeKinds, perSourceKinds, sourceKindName } from './source-kinds';

/** What the colours mean and why some sources have many tiles. */
export function InfraLegend() {
  return (
    <div className="flex flex-wrap items-center gap-x-5 gap-y-1.5 text-[0.85rem] text-muted">
      <ul aria-label="Status colours" className="flex flex-wrap items-center gap-x-3 gap-y-1">
        {healthOrder.map((health) => (
          <li key={health} className="flex items-center gap-1.5">
            <HealthDot health={health} />
            {healthLabels[health]}
          </li>
        ))}
      </ul>
      <p>
        One tile per node: {perNodeKinds.map(sourceKindName).join(', ')}. One tile per source:{' '}
        {perSourceKinds.map(sourceKindName).join(', ')}.
      </p>
    </div>
  );
}
