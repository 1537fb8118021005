import type { SessionEvents } from '../../auth/session-events';
import type { HostsService } from '../hosts/hosts.service';
import { SSH_SOURCE_ID } from '../infrastructure/host-visibility';
import type { InfrastructureService } from '../infrastructure/infrastructure.service';
import type { ReachabilityService } from './reachability.service';

/** At most one "something was polled" hint per this period, however many sources poll. */
const INFRA_HINT_MS = 1000;

/**
 * Connects the port checks to the rest: new or edited hosts are checked at once; each round's results
 * go out on `/api/events` and refresh the Infrastructure SSH tile, whose poll outcome is what the
 * alert rules read (so "SSH host unreachable" needs no polling of its own).
 */
export function wireReachability(deps: {
  reachability: ReachabilityService;
  hosts: HostsService;
  infrastructure: InfrastructureService;
  events: SessionEvents;
}): void {
  const { reachability, hosts, infrastructure, events } = deps;
  hosts.onChange(() => {
    void reachability.checkNew();
    return Promise.resolve();
  });
  reachability.onResults((results) => {
    events.emitReachability(results);
    infrastructure.refresh(SSH_SOURCE_ID).catch(() => undefined);
  });
  let hint: NodeJS.Timeout | null = null;
  infrastructure.onPoll(() => {
    if (hint) return;
    hint = setTimeout(() => {
      hint = null;
      events.emitInfrastructureChanged();
    }, INFRA_HINT_MS);
    hint.unref();
  });
}
