import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TransportHold } from '../../src/ssh/transport-hold';

/** A socket in flowing mode, as ssh2 reads it. */
function flowingSocket(): { socket: PassThrough; read: string[] } {
  const socket = new PassThrough();
  const read: string[] = [];
  socket.on('data', (d: Buffer) => read.push(d.toString()));
  return { socket, read };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('TransportHold', () => {
  it('stops reading the socket until released', async () => {
    const { socket, read } = flowingSocket();
    const hold = new TransportHold(socket, 60_000);
    hold.hold();
    expect(hold.isHeld).toBe(true);
    socket.write('held');
    await new Promise((r) => setImmediate(r));
    expect(read).toEqual([]);
    hold.release();
    await new Promise((r) => setImmediate(r));
    expect(hold.isHeld).toBe(false);
    expect(read).toEqual(['held']);
  });

  it('ends by itself after its limit, so keepalive replies are read', () => {
    vi.useFakeTimers();
    const { socket } = flowingSocket();
    const hold = new TransportHold(socket, 1_000);
    hold.hold();
    vi.advanceTimersByTime(999);
    expect(socket.isPaused()).toBe(true);
    vi.advanceTimersByTime(1);
    expect(socket.isPaused()).toBe(false);
    expect(hold.isHeld).toBe(false);
  });

  it('a second hold does not extend the first, and a release after the limit is harmless', () => {
    vi.useFakeTimers();
    const { socket } = flowingSocket();
    const hold = new TransportHold(socket, 1_000);
    hold.hold();
    vi.advanceTimersByTime(600);
    hold.hold();
    vi.advanceTimersByTime(400);
    expect(socket.isPaused()).toBe(false);
    hold.release();
    expect(socket.isPaused()).toBe(false);
    hold.hold();
    expect(socket.isPaused()).toBe(true);
  });

  it('does not hold a socket that is gone', () => {
    const { socket } = flowingSocket();
    socket.destroy();
    const hold = new TransportHold(socket, 1_000);
    hold.hold();
    expect(hold.isHeld).toBe(false);
  });
});
