import type { InfraHealth } from '@archnest/contract';
import { cn } from '../../lib/cn';
import { healthFill, healthLabels } from './health';

export function HealthDot({ health, className }: { health: InfraHealth; className?: string }) {
  return (
    <span
      role="img"
      aria-label={healthLabels[health]}
      className={cn('inline-block h-2.5 w-2.5 shrink-0 rounded-full', healthFill[health], className)}
    />
  );
}
