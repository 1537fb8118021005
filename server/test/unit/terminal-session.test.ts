import { describe, expect, it, vi } from 'vitest';
import { TERMINAL_HIGH_WATERMARK, type TerminalServerMessage } from '@archnest/contract';
import type { ShellChannel, ShellExit } from '../../src/ssh';
import { ReplayBuffer } from '../../src/terminal-sessions/replay-buffer';
import type { TerminalPeer } from '../../src/terminal-sessions/terminal-peer';
import { TerminalSession, type TerminalEnd } from '../../src/terminal-sessions/terminal-session';

/** An in-memory shell: the unit under test is the session's bookkeeping, not SSH. */
function memoryShell() {
  let onData: (b: Buffer) => void = () => {};
  let onExit: (e: ShellExit) => void = () => {};
  const state = { paused: false, written: [] as string[], size: [0, 0], closed: false };
  const shell: ShellChannel = {
    onData: (l) => (onData = l),
    onExit: (l) => (onExit = l),
    write: (d) => state.written.push(d.toString()),
    resize: (c, r) => (state.size = [c, r]),
    pause: () => (state.paused = true),
    resume: () => (state.paused = false),
    close: () => (state.closed = true),
  };
  return {
    shell,
    state,
    emit: (s: string | Buffer) => onData(Buffer.from(s)),
    exit: (e: ShellExit) => onExit(e),
  };
}

function memoryPeer() {
  const json: TerminalServerMessage[] = [];
  const binary: Buffer[] = [];
  const state = { buffered: 0, closed: null as null | number };
  const peer: TerminalPeer = {
    sendJson: (m) => json.push(m),
    sendBinary: (d) => binary.push(d),
    bufferedAmount: () => state.buffered,
    close: (code) => (state.closed = code),
  };
  return { peer, json, binary, state };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

const info = {
  id: 's1',
  kind: 'ssh' as const,
  userId: 'u1',
  authSessionId: 'a1',
  tabId: 't1',
  hostId: 'h1',
  hostName: 'web',
  fingerprint: 'SHA256:x',
  startedAt: new Date(),
};

function session(timers = { graceMs: 1000, idleMs: 0, replayBytes: 1024 }) {
  const shell = memoryShell();
  const ends: TerminalEnd[] = [];
  const closeTransport = vi.fn();
  const s = new TerminalSession(info, shell.shell, closeTransport, timers, (_, end) => ends.push(end));
  return { s, shell, ends, closeTransport };
}

describe('ReplayBuffer', () => {
  it('keeps only the last capacity bytes, in order', () => {
    const r = new ReplayBuffer(10);
    r.push(Buffer.from('abcdef'));
    r.push(Buffer.from('ghijkl'));
    expect(Buffer.concat(r.snapshot()).toString()).toBe('cdefghijkl');
    r.push(Buffer.from('0123456789XYZ'));
    expect(Buffer.concat(r.snapshot(4)).toString()).toBe('3456789XYZ');
    expect(r.snapshot(4).map((c) => c.length)).toEqual([4, 4, 2]);
  });

  it('matches a plain “last N bytes” reference over random pushes, wrapping the ring many times', () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (const capacity of [1, 7, 64]) {
      const r = new ReplayBuffer(capacity);
      let reference = Buffer.alloc(0);
      for (let i = 0; i < 300; i++) {
        const chunk = Buffer.from(Array.from({ length: random(capacity * 2 + 2) }, () => 97 + random(26)));
        r.push(chunk);
        reference = Buffer.concat([reference, chunk]).subarray(-capacity);
        expect(Buffer.concat(r.snapshot(5)).equals(reference)).toBe(true);
        expect(r.length).toBe(reference.length);
      }
    }
  });

  it('copies what it keeps, so the chunks it was handed can be freed or reused', () => {
    const r = new ReplayBuffer(8);
    const chunk = Buffer.from('abcd');
    r.push(chunk);
    chunk.fill('z');
    expect(Buffer.concat(r.snapshot()).toString()).toBe('abcd');
    expect(new ReplayBuffer(8).snapshot()).toEqual([]);
  });
});

describe('TerminalSession', () => {
  it('relays bytes both ways and counts them', async () => {
    const { s, shell } = session();
    const p = memoryPeer();
    s.attach(p.peer, 80, 24);
    expect(p.json[0]).toMatchObject({ type: 'ready', sessionId: 's1', replayBytes: 0 });
    expect(shell.state.size).toEqual([80, 24]);
    s.input(Buffer.from('ls\r'));
    shell.emit('file.txt\r\n');
    expect(shell.state.written).toEqual(['ls\r']);
    await nextTurn();
    expect(Buffer.concat(p.binary).toString()).toBe('file.txt\r\n');
    expect([s.bytesIn, s.bytesOut]).toEqual([3, 10]);
  });

  it('sends what arrives in one event-loop turn as one frame, and flushes it before the exit', async () => {
    const { s, shell } = session();
    const p = memoryPeer();
    s.attach(p.peer, 80, 24);
    shell.emit('a');
    shell.emit('b');
    shell.emit('c');
    expect(p.binary).toEqual([]);
    await nextTurn();
    expect(p.binary.map(String)).toEqual(['abc']);
    shell.emit('last words');
    shell.exit({ code: 0 });
    expect(p.binary.map(String)).toEqual(['abc', 'last words']);
    expect(p.json.at(-1)).toMatchObject({ type: 'exit', reason: 'exited' });
  });

  it('pauses the shell past the high watermark and resumes after acks', () => {
    const { s, shell } = session();
    const p = memoryPeer();
    s.attach(p.peer, 80, 24);
    const chunk = Buffer.alloc(64 * 1024, 'y');
    for (let sent = 0; sent < TERMINAL_HIGH_WATERMARK; sent += chunk.length) shell.emit(chunk);
    expect(shell.state.paused).toBe(true);
    s.acknowledge(TERMINAL_HIGH_WATERMARK / 2);
    expect(shell.state.paused).toBe(true);
    s.acknowledge(TERMINAL_HIGH_WATERMARK / 2);
    expect(shell.state.paused).toBe(false);
  });

  it('pauses while the socket itself is backed up', () => {
    const { s, shell } = session();
    const p = memoryPeer();
    s.attach(p.peer, 80, 24);
    p.state.buffered = TERMINAL_HIGH_WATERMARK;
    shell.emit('x');
    expect(shell.state.paused).toBe(true);
  });

  it('survives a detach, replays scrollback on attach, and ends after the grace period', () => {
    vi.useFakeTimers();
    try {
      const { s, shell, ends, closeTransport } = session();
      const first = memoryPeer();
      s.attach(first.peer, 80, 24);
      shell.emit('before ');
      s.detach(first.peer);
      shell.emit('while away');
      vi.advanceTimersByTime(900);
      const second = memoryPeer();
      s.attach(second.peer, 100, 30);
      expect(second.json[0]).toMatchObject({ type: 'ready', replayBytes: 17 });
      expect(Buffer.concat(second.binary).toString()).toBe('before while away');
      s.detach(second.peer);
      vi.advanceTimersByTime(999);
      expect(ends).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(ends[0]).toMatchObject({ reason: 'detached_timeout' });
      expect(shell.state.closed).toBe(true);
      expect(closeTransport).toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });

  it('tells an older socket it was replaced, and reports the exit to the attached one', () => {
    const { s, shell, ends } = session();
    const a = memoryPeer();
    const b = memoryPeer();
    s.attach(a.peer, 80, 24);
    s.attach(b.peer, 80, 24);
    expect(a.state.closed).toBe(4409);
    shell.exit({ code: 3 });
    expect(b.json.at(-1)).toEqual({ type: 'exit', code: 3, signal: null, reason: 'exited' });
    expect(b.state.closed).toBe(4000);
    expect(ends[0]).toMatchObject({ reason: 'exited', code: 3 });
  });

  it('ends an idle session when an idle limit is set', () => {
    vi.useFakeTimers();
    try {
      const { s, ends } = session({ graceMs: 60_000, idleMs: 5000, replayBytes: 1024 });
      s.attach(memoryPeer().peer, 80, 24);
      vi.advanceTimersByTime(4000);
      s.input(Buffer.from('x'));
      vi.advanceTimersByTime(4000);
      expect(ends).toEqual([]);
      vi.advanceTimersByTime(1000);
      expect(ends[0]).toMatchObject({ reason: 'idle' });
    } finally {
      vi.useRealTimers();
    }
  });
});
