import { describe, expect, it } from 'vitest';
import { Mutex } from '../../src/util/mutex';

describe('Mutex', () => {
  it('runs sections one at a time, in order, and survives a failing one', async () => {
    const mutex = new Mutex();
    const log: string[] = [];
    const section = (name: string, ms: number, fail = false) =>
      mutex.run(async () => {
        log.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, ms));
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([section('a', 20), section('b', 5, true), section('c', 1)]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
