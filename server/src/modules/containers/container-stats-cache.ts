import type { ContainerSource, ContainerStats, ContainerSummary } from '../../docker';
import { Limiter } from '../../util/limiter';

export interface StatsCacheOptions {
  /** Readings per host in flight at once. */
  concurrency: number;
  /** A reading younger than this is served from the cache. */
  freshMs: number;
  /** How long a list waits for first readings; slower ones land in the cache for the next list. */
  waitMs: number;
}

export const defaultStatsCacheOptions: StatsCacheOptions = { concurrency: 4, freshMs: 4_000, waitMs: 1_500 };

interface Entry {
  stats: ContainerStats;
  cpu: unknown;
  at: number;
}

/**
 * CPU and memory for list columns, from one-shot stats readings (`?stream=false&one-shot=true`) of
 * running containers only. One-shot readings carry no earlier CPU counters, so CPU % is computed
 * against the cached previous reading: the first list of a container shows memory, later ones CPU too.
 * A list waits (at most `waitMs`) only for containers it has never read; a stale reading is served
 * while a new one is taken, so a list's latency does not grow with the number of running containers.
 */
export class ContainerStatsCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<void>>();
  private readonly limiters = new Map<string, Limiter>();

  constructor(private readonly options: StatsCacheOptions = defaultStatsCacheOptions) {}

  async forContainers(
    hostId: string,
    source: ContainerSource,
    containers: readonly ContainerSummary[],
  ): Promise<Map<string, ContainerStats>> {
    if (!source.readStats) return new Map();
    const running = containers.filter((c) => c.state === 'running');
    const keep = new Set(running.map((c) => key(hostId, c.id)));
    for (const k of this.entries.keys())
      if (k.startsWith(`${hostId}/`) && !keep.has(k)) this.entries.delete(k);
    const now = Date.now();
    const due = running.filter((c) => {
      const entry = this.entries.get(key(hostId, c.id));
      return !entry || now - entry.at >= this.options.freshMs;
    });
    // Only a container seen for the first time is waited for; an older reading is served at once
    // and renewed in the background (as is a reading another list already started).
    const firstSight = due.filter(
      (c) => !this.entries.has(key(hostId, c.id)) && !this.pending.has(key(hostId, c.id)),
    );
    const readings = due.map((c) => this.refresh(hostId, source, c.id));
    const awaited = readings.filter((_, i) => firstSight.includes(due[i]!));
    if (awaited.length) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(awaited),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, this.options.waitMs))),
      ]);
      clearTimeout(timer);
    }
    const result = new Map<string, ContainerStats>();
    for (const c of running) {
      const entry = this.entries.get(key(hostId, c.id));
      if (entry) result.set(c.id, entry.stats);
    }
    return result;
  }

  /** Drops a host's readings (the host changed or went). */
  forget(hostId: string): void {
    for (const k of this.entries.keys()) if (k.startsWith(`${hostId}/`)) this.entries.delete(k);
    this.limiters.delete(hostId);
  }

  private refresh(hostId: string, source: ContainerSource, id: string): Promise<void> {
    const k = key(hostId, id);
    const running = this.pending.get(k);
    if (running) return running;
    let limiter = this.limiters.get(hostId);
    if (!limiter) this.limiters.set(hostId, (limiter = new Limiter(this.options.concurrency)));
    const reading = limiter
      .run(async () => {
        const earlier = this.entries.get(k);
        // A container that stopped meanwhile, or a host that went away: no figures, nothing to report.
        const read = await source.readStats?.(id, earlier?.cpu).catch(() => null);
        if (!read) return;
        const cpuPercent = read.stats.cpuPercent ?? earlier?.stats.cpuPercent;
        this.entries.set(k, {
          stats: { ...read.stats, ...(cpuPercent !== undefined ? { cpuPercent } : {}) },
          cpu: read.cpu,
          at: Date.now(),
        });
      })
      .finally(() => this.pending.delete(k));
    this.pending.set(k, reading);
    return reading;
  }
}

const key = (hostId: string, id: string) => `${hostId}/${id}`;
