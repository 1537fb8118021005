import type { PollOutcome } from '../infrastructure/resource-source';

/** What Home counts per source, from the latest good poll (containers, guests, monitors). */
export interface Counts {
  containers: { running: number; stopped: number; unhealthy: number };
  guests: { running: number; stopped: number };
  monitors: { up: number; down: number };
}

export const emptyCounts = (): Counts => ({
  containers: { running: 0, stopped: 0, unhealthy: 0 },
  guests: { running: 0, stopped: 0 },
  monitors: { up: 0, down: 0 },
});

const STOPPED = new Set(['exited', 'created', 'dead', 'stopped', 'terminated', 'shutting-down', 'stopping']);

/**
 * Counts read off each poll outcome as it lands (the same feed the alert rules get), so Home never
 * polls anything: containers from the observations every container source carries, guests and
 * monitors from the members.
 */
export class SourceCounts {
  private readonly bySource = new Map<string, Counts>();

  observe(outcome: PollOutcome): void {
    const snapshot = outcome.snapshot;
    if (!snapshot) return;
    const counts = emptyCounts();
    const containers = snapshot.observations?.containers;
    if (containers) {
      for (const c of containers) {
        if (c.state === 'running') counts.containers.running += 1;
        else if (STOPPED.has(c.state)) counts.containers.stopped += 1;
        if (c.health === 'unhealthy') counts.containers.unhealthy += 1;
      }
    } else {
      for (const group of snapshot.groups) {
        for (const m of group.members) {
          if (m.type === 'vm' || m.type === 'lxc' || m.type === 'instance') {
            if (m.status === 'running') counts.guests.running += 1;
            else if (STOPPED.has(m.status)) counts.guests.stopped += 1;
          } else if (m.type === 'monitor') {
            if (m.health === 'error') counts.monitors.down += 1;
            else if (m.health === 'ok') counts.monitors.up += 1;
          }
        }
      }
    }
    this.bySource.set(outcome.sourceId, counts);
  }

  forget(sourceId: string): void {
    this.bySource.delete(sourceId);
  }

  get(sourceId: string): Counts | undefined {
    return this.bySource.get(sourceId);
  }
}
