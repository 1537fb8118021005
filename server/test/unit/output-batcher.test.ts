import { afterEach, describe, expect, it, vi } from 'vitest';
import { BATCH_MAX_BYTES, OutputBatcher } from '../../src/ssh/terminal/output-batcher';

/** A batcher on fake timers with a clock the test moves by hand. */
function batcher() {
  vi.useFakeTimers();
  const frames: Buffer[] = [];
  const clock = { ms: 1000 };
  /** Gather hooks as they were called: 'start' and 'end'. */
  const gathers: string[] = [];
  const b = new OutputBatcher(
    (f) => frames.push(f),
    () => clock.ms,
    { start: () => gathers.push('start'), end: () => gathers.push('end') },
  );
  return { b, frames, clock, gathers };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('OutputBatcher', () => {
  it('sends a keystroke echo after a quiet spell at the end of the turn, without a timer delay', () => {
    const { b, frames } = batcher();
    b.push(Buffer.from('a'));
    expect(frames).toHaveLength(0);
    vi.advanceTimersToNextTimer(); // the immediate
    expect(frames.map(String)).toEqual(['a']);
  });

  it('joins everything that arrives in one turn into one frame', () => {
    const { b, frames } = batcher();
    for (const part of ['ab', 'cd', 'ef']) b.push(Buffer.from(part));
    vi.runAllTimers();
    expect(frames.map(String)).toEqual(['abcdef']);
  });

  it('sends at once past the size cap', () => {
    const { b, frames } = batcher();
    b.push(Buffer.alloc(BATCH_MAX_BYTES - 1));
    expect(frames).toHaveLength(0);
    b.push(Buffer.alloc(1));
    expect(frames).toHaveLength(1);
    expect(frames[0]!.length).toBe(BATCH_MAX_BYTES);
  });

  it('gathers for a few milliseconds while a big output streams, then goes back to immediate', () => {
    const { b, frames, clock } = batcher();
    b.push(Buffer.alloc(4096));
    vi.runAllTimers();
    expect(frames).toHaveLength(1);
    // Streaming: the next small chunks wait for the window instead of leaving at the end of the turn.
    clock.ms += 1;
    b.push(Buffer.alloc(3000));
    vi.advanceTimersByTime(0);
    expect(frames).toHaveLength(1);
    b.push(Buffer.alloc(3000));
    vi.advanceTimersByTime(4);
    expect(frames).toHaveLength(2);
    expect(frames[1]!.length).toBe(6000);
    // After a quiet spell a small echo is immediate again.
    clock.ms += 1000;
    b.push(Buffer.from('x'));
    vi.advanceTimersToNextTimer();
    expect(frames.map((f) => f.length)).toEqual([4096, 6000, 1]);
  });

  it('tells the transport when a streaming gather starts and ends, and only then', () => {
    const { b, frames, clock, gathers } = batcher();
    b.push(Buffer.from('echo'));
    vi.runAllTimers();
    expect(gathers).toEqual([]);
    b.push(Buffer.alloc(4096));
    vi.runAllTimers();
    expect(gathers).toEqual([]);
    clock.ms += 1;
    b.push(Buffer.alloc(3000));
    b.push(Buffer.alloc(3000));
    expect(gathers).toEqual(['start']);
    vi.advanceTimersByTime(4);
    expect(gathers).toEqual(['start', 'end']);
    // Ended by the size cap, and by a drop.
    clock.ms += 1;
    b.push(Buffer.alloc(1000));
    b.push(Buffer.alloc(BATCH_MAX_BYTES));
    expect(gathers).toEqual(['start', 'end', 'start', 'end']);
    clock.ms += 1;
    b.push(Buffer.alloc(1000));
    b.drop();
    expect(gathers).toEqual(['start', 'end', 'start', 'end', 'start', 'end']);
    expect(frames.map((f) => f.length)).toEqual([4, 4096, 6000, 1000 + BATCH_MAX_BYTES]);
  });

  it('does not treat fast small echoes as streaming', () => {
    const { b, frames, clock } = batcher();
    for (let i = 0; i < 5; i++) {
      clock.ms += 0.3;
      b.push(Buffer.from('k'));
      vi.advanceTimersToNextTimer();
      expect(frames).toHaveLength(i + 1);
    }
  });

  it('drops what it holds when the socket goes away', () => {
    const { b, frames } = batcher();
    b.push(Buffer.from('lost'));
    b.drop();
    vi.runAllTimers();
    expect(frames).toHaveLength(0);
  });
});
