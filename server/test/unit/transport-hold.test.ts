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

const turn = () => new Promise((r) => setImmediate(r));

afterEach(() => {
  vi.useRealTimers();
});

describe('TransportHold', () => {
  it('stops reading the socket until released', async () => {
    const { socket, read } = flowingSocket();
    const hold = new TransportHold(socket, 60_000);
    hold.hold('backpressure');
    expect(hold.isHeld).toBe(true);
    socket.write('held');
    await turn();
    expect(read).toEqual([]);
    hold.release('backpressure');
    await turn();
    expect(hold.isHeld).toBe(false);
    expect(read).toEqual(['held']);
  });

  it('reads again only when no reason is left', async () => {
    const { socket, read } = flowingSocket();
    const hold = new TransportHold(socket, 60_000);
    hold.hold('backpressure');
    hold.hold('gathering');
    socket.write('held');
    hold.release('gathering');
    await turn();
    expect(read).toEqual([]);
    expect(socket.isPaused()).toBe(true);
    hold.release('backpressure');
    await turn();
    expect(read).toEqual(['held']);
  });

  it('a release for a reason that was not held changes nothing', () => {
    const { socket } = flowingSocket();
    const hold = new TransportHold(socket, 60_000);
    hold.hold('backpressure');
    hold.release('gathering');
    expect(socket.isPaused()).toBe(true);
  });

  it('ends every hold by itself after its limit, so keepalive replies are read', () => {
    vi.useFakeTimers();
    const { socket } = flowingSocket();
    const hold = new TransportHold(socket, 1_000);
    hold.hold('backpressure');
    vi.advanceTimersByTime(600);
    hold.hold('gathering');
    vi.advanceTimersByTime(399);
    expect(socket.isPaused()).toBe(true);
    vi.advanceTimersByTime(1);
    expect(socket.isPaused()).toBe(false);
    expect(hold.isHeld).toBe(false);
    // A later release is harmless, and a new hold starts a new limit.
    hold.release('backpressure');
    expect(socket.isPaused()).toBe(false);
    hold.hold('backpressure');
    vi.advanceTimersByTime(999);
    expect(socket.isPaused()).toBe(true);
  });

  it('a gathering hold is not timed: its gather ends it', () => {
    vi.useFakeTimers();
    const { socket } = flowingSocket();
    const hold = new TransportHold(socket, 1_000);
    hold.hold('gathering');
    expect(vi.getTimerCount()).toBe(0);
    hold.release('gathering');
    expect(socket.isPaused()).toBe(false);
  });

  it('releaseAll reads again whatever was held', () => {
    const { socket } = flowingSocket();
    const hold = new TransportHold(socket, 60_000);
    hold.hold('backpressure');
    hold.hold('gathering');
    hold.releaseAll();
    expect(socket.isPaused()).toBe(false);
    expect(hold.isHeld).toBe(false);
  });

  it('does not hold a socket that is gone', () => {
    const { socket } = flowingSocket();
    socket.destroy();
    const hold = new TransportHold(socket, 1_000);
    hold.hold('backpressure');
    expect(hold.isHeld).toBe(false);
  });
});
