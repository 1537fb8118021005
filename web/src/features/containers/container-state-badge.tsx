import type { ContainerState } from '@archnest/contract';
import { Badge } from '../../components/ui/badge';
import { stateTone, type Tone } from './container-format';

export function ContainerStateBadge({ state }: { state: ContainerState }) {
  return (
    <Badge tone={stateTone[state]}>
      <span aria-hidden className="h-1.5 w-1.5 rounded-full bg-current" />
      {state}
    </Badge>
  );
}

function healthTone(health: string): Tone {
  if (health === 'healthy') return 'success';
  if (health === 'unhealthy') return 'danger';
  return 'warning';
}

/** Docker's healthcheck status (healthy, unhealthy, starting). */
export function ContainerHealthBadge({ health }: { health: string }) {
  return <Badge tone={healthTone(health)}>{health}</Badge>;
}
