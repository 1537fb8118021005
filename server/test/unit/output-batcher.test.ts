import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BATCH_MAX_BYTES,
  OutputBatcher,
  WHOLE_FRAME_BYTES,
} from '../../src/terminal-sessions/output-batcher';

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
    for (let i = 0; i < 15; i++) b.push(Buffer.alloc(4096));
    b.push(Buffer.alloc(4095));
    expect(frames).toHaveLength(0);
    b.push(Buffer.alloc(1));
    expect(frames).toHaveLength(1);
    expect(frames[0]!.length).toBe(BATCH_MAX_BYTES);
  });

  it('sends a chunk of a whole frame’s size as it is, right after what was gathered before it', () => {
    const { b, frames, clock, gathers } = batcher();
    const big = Buffer.alloc(WHOLE_FRAME_BYTES, 0x41);
    b.push(Buffer.from('ab'));
    b.push(big);
    // No wait for the end of the turn, no copy, and the order kept.
    expect(frames.map((f) => f.length)).toEqual([2, WHOLE_FRAME_BYTES]);
    expect(frames[1]).toBe(big);
    // While streaming, a whole frame also ends a held gather at once.
    clock.ms += 1;
    b.push(Buffer.alloc(3000));
    expect(gathers).toEqual(['start']);
    b.push(Buffer.alloc(WHOLE_FRAME_BYTES + 1));
    expect(gathers).toEqual(['start', 'end']);
    expect(frames.map((f) => f.length)).toEqual([2, WHOLE_FRAME_BYTES, 3000, WHOLE_FRAME_BYTES + 1]);
    // Smaller chunks are still joined.
    clock.ms += 1000;
    b.push(Buffer.alloc(WHOLE_FRAME_BYTES - 1));
    b.push(Buffer.alloc(10));
    vi.runAllTimers();
    expect(frames.at(-1)!.length).toBe(WHOLE_FRAME_BYTES + 9);
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
    for (let i = 0; i < 16; i++) b.push(Buffer.alloc(4096));
    expect(gathers).toEqual(['start', 'end', 'start', 'end']);
    clock.ms += 1;
    b.push(Buffer.alloc(1000));
    b.drop();
    expect(gathers).toEqual(['start', 'end', 'start', 'end', 'start', 'end']);
    expect(frames.map((f) => f.length)).toEqual([4, 4096, 6000, 1000 + 16 * 4096]);
  });

  it('shortens a held gather to what the kernel holds at the current rate, and does not hold a fast stream', () => {
    const { b, frames, clock, gathers } = batcher();
    /** `kib` KiB per ms for `ms` ms, in 4 KiB packets, each turn's timers run. */
    const stream = (kibPerMs: number, ms: number) => {
      for (let t = 0; t < ms; t++) {
        for (let sent = 0; sent < kibPerMs; sent += 4) b.push(Buffer.alloc(4096));
        clock.ms += 1;
        vi.advanceTimersByTime(1);
      }
    };
    // 16 KiB per ms: 48 KiB arrive in 3 ms, so the gather (and the hold) lasts 3 ms.
    stream(16, 20);
    gathers.length = 0;
    clock.ms += 0.5;
    b.push(Buffer.alloc(4096));
    expect(gathers).toEqual(['start']);
    vi.advanceTimersByTime(2);
    expect(gathers).toEqual(['start']);
    vi.advanceTimersByTime(1);
    expect(gathers).toEqual(['start', 'end']);
    // 64 KiB per ms: nothing is held, frames still leave full or every 4 ms.
    stream(64, 20);
    gathers.length = 0;
    frames.length = 0;
    stream(64, 8);
    expect(gathers).toEqual([]);
    expect(frames.length).toBeGreaterThanOrEqual(7);
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
