import { Radar } from 'lucide-react';
import { Badge } from './badge';

export function ReadOnlyBadge() {
  return (
    <Badge tone="accent" title="This host pushes reports; ArchNest cannot act on its containers.">
      <Radar aria-hidden size={12} />
      reported by agent, read-only
    </Badge>
  );
}
