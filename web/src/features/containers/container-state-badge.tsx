import type { ContainerState } from '@archnest/contract';
import { Badge } from '../../components/ui/badge';
import { stateTone } from './container-format';

export function ContainerStateBadge({ state }: { state: ContainerState }) {
  return (
    <Badge tone={stateTone[state]}>
      <span aria-hidden className="h-1.5 w-1.5 rounded-full bg-current" />
      {state}
    </Badge>
  );
}
