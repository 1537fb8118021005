import type { AlertSubject } from './alert-subject';

interface Seen {
  at: number;
  restartCount: number | null;
  running: boolean;
  restarts: number[];
}

const KEEP_MS = 24 * 3_600_000;

/**
 * Counts container restarts from consecutive observations. An agent report carries Docker's restart
 * counter, so every increase counts exactly. A Docker list does not: a restart counts when a poll sees
 * the container `restarting`, or running for less time than has passed since the previous poll after
 * it was seen before (at most one per poll).
 */
export class RestartTracker {
  private readonly seen = new Map<string, Seen>();

  observe(subject: AlertSubject, now: number): void {
    const c = subject.container;
    if (!c) return;
    const previous = this.seen.get(subject.key);
    const restarts = previous?.restarts ?? [];
    if (previous) {
      if (c.restartCount !== null && previous.restartCount !== null) {
        const added = Math.min(c.restartCount - previous.restartCount, 1000);
        for (let i = 0; i < added; i++) restarts.push(now);
      } else if (c.restartCount === null) {
        const sinceLast = (now - previous.at) / 1000;
        const freshStart = c.state === 'running' && c.uptimeSeconds !== null && c.uptimeSeconds < sinceLast;
        if (c.state === 'restarting' || freshStart) restarts.push(now);
      }
    }
    while (restarts.length && (restarts[0] ?? now) < now - KEEP_MS) restarts.shift();
    this.seen.set(subject.key, {
      at: now,
      restartCount: c.restartCount,
      running: c.state === 'running',
      restarts,
    });
  }

  count(key: string, windowMs: number, now: number): number {
    const restarts = this.seen.get(key)?.restarts;
    if (!restarts) return 0;
    let n = 0;
    for (let i = restarts.length - 1; i >= 0 && (restarts[i] ?? 0) >= now - windowMs; i--) n++;
    return n;
  }

  /** Drops containers a source no longer lists. */
  forget(keys: Iterable<string>): void {
    for (const key of keys) this.seen.delete(key);
  }
}
