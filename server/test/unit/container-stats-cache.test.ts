import { describe, expect, it } from 'vitest';
import type { ContainerSource, ContainerSummary, StatsReading } from '../../src/docker';
import { ContainerStatsCache } from '../../src/modules/containers/container-stats-cache';

const summary = (id: string, state: ContainerSummary['state'] = 'running'): ContainerSummary => ({
  id,
  name: id,
  names: [id],
  image: 'img',
  state,
  status: state,
  labels: {},
  ports: [],
});

/** A source whose readings take `delayMs` and report how many ran at once. */
function countingSource(delayMs: number) {
  const seen = { calls: [] as string[], inFlight: 0, peak: 0 };
  let tick = 0;
  const source = {
    readStats: async (ref: string, earlier?: unknown): Promise<StatsReading> => {
      seen.calls.push(ref);
      seen.inFlight += 1;
      seen.peak = Math.max(seen.peak, seen.inFlight);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      seen.inFlight -= 1;
      tick += 1;
      return {
        stats: {
          id: ref,
          readAt: new Date().toISOString(),
          memoryBytes: 1000 + tick,
          ...(earlier !== undefined ? { cpuPercent: 12.5 } : {}),
        },
        cpu: { tick },
      };
    },
  } as unknown as ContainerSource;
  return { source, seen };
}

describe('ContainerStatsCache', () => {
  it('reads running containers only, at most `concurrency` at once, and caches for `freshMs`', async () => {
    const cache = new ContainerStatsCache({ concurrency: 3, freshMs: 10_000, waitMs: 5_000 });
    const { source, seen } = countingSource(20);
    const list = [...Array.from({ length: 10 }, (_, i) => summary(`r${i}`)), summary('off', 'exited')];
    const first = await cache.forContainers('h', source, list);
    expect(seen.peak).toBe(3);
    expect(seen.calls).toHaveLength(10);
    expect(seen.calls).not.toContain('off');
    expect(first.size).toBe(10);
    expect(first.get('r0')?.cpuPercent).toBeUndefined();
    await cache.forContainers('h', source, list);
    expect(seen.calls).toHaveLength(10);
  });

  it('waits at most `waitMs` for first readings, then serves stale ones while renewing them', async () => {
    const cache = new ContainerStatsCache({ concurrency: 4, freshMs: 0, waitMs: 50 });
    const { source, seen } = countingSource(300);
    const list = [summary('a'), summary('b')];
    const started = Date.now();
    expect((await cache.forContainers('h', source, list)).size).toBe(0);
    expect(Date.now() - started).toBeLessThan(250);
    await new Promise((resolve) => setTimeout(resolve, 350));
    // Both readings landed; the next list answers at once and renews them against the first.
    const again = Date.now();
    const second = await cache.forContainers('h', source, list);
    expect(Date.now() - again).toBeLessThan(100);
    expect(second.get('a')?.memoryBytes).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 350));
    expect((await cache.forContainers('h', source, list)).get('a')?.cpuPercent).toBe(12.5);
    expect(seen.calls.filter((c) => c === 'a').length).toBeGreaterThanOrEqual(2);
  });

  it('drops readings of containers that are gone and of a host that is forgotten', async () => {
    const cache = new ContainerStatsCache({ concurrency: 2, freshMs: 10_000, waitMs: 1_000 });
    const { source, seen } = countingSource(1);
    await cache.forContainers('h', source, [summary('a'), summary('b')]);
    await cache.forContainers('h', source, [summary('a')]);
    await cache.forContainers('h', source, [summary('a'), summary('b')]);
    expect(seen.calls.filter((c) => c === 'b')).toHaveLength(2);
    cache.forget('h');
    await cache.forContainers('h', source, [summary('a')]);
    expect(seen.calls.filter((c) => c === 'a')).toHaveLength(2);
  });
});
