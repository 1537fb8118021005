import type { TerminalSessionKind } from '@archnest/contract';
import type { ShellChannel } from '../ssh';
import { FlowControl } from './flow-control';
import { OutputBatcher } from './output-batcher';
import { ReplayBuffer } from './replay-buffer';
import { TERMINAL_CLOSE, type TerminalPeer } from './terminal-peer';

export type TerminalEndReason =
  | 'exited'
  | 'closed'
  | 'idle'
  | 'detached_timeout'
  | 'host_unreachable'
  | 'logout'
  | 'revoked'
  | 'expired'
  | 'user_disabled'
  | 'server_shutdown'
  /** The user lost access to the host (per-host access), or the host was deleted. */
  | 'access_revoked';

/** Ends caused by the sign-in ending close the socket with 4401, like every other ArchNest socket. */
const SIGN_IN_ENDED: ReadonlySet<TerminalEndReason> = new Set([
  'logout',
  'revoked',
  'expired',
  'user_disabled',
]);

export interface TerminalSessionInfo {
  id: string;
  kind: TerminalSessionKind;
  userId: string;
  authSessionId: string;
  tabId: string;
  hostId: string;
  hostName: string;
  fingerprint: string;
  startedAt: Date;
}

export interface TerminalTimers {
  /** How long a session waits for its browser to come back. */
  graceMs: number;
  /** End after this long without input or output; 0 turns the limit off. */
  idleMs: number;
  replayBytes: number;
}

export interface TerminalEnd {
  reason: TerminalEndReason;
  code: number | null;
  signal: string | null;
  bytesIn: number;
  bytesOut: number;
}

const DRAIN_POLL_MS = 25;

/**
 * One live shell. It outlives its socket: detached, it keeps reading into a bounded replay buffer
 * until a browser reattaches or the grace period ends.
 */
export class TerminalSession {
  private peer: TerminalPeer | null = null;
  private readonly replay: ReplayBuffer;
  private readonly flow: FlowControl;
  private graceTimer: NodeJS.Timeout | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  /** Epoch ms at which a detached session's grace period ends it; null while attached. */
  graceEndsAt: number | null = null;
  /** Epoch ms of the last input or output. */
  lastActivityAt = Date.now();
  private drainTimer: NodeJS.Timeout | undefined;
  private readonly batcher = new OutputBatcher((frame) => this.peer?.sendBinary(frame), undefined, {
    start: () => this.shell.gatherStart?.(),
    end: () => this.shell.gatherEnd?.(),
  });
  private ended = false;
  bytesIn = 0;
  bytesOut = 0;

  constructor(
    readonly info: TerminalSessionInfo,
    private readonly shell: ShellChannel,
    private readonly closeTransport: () => void,
    private readonly timers: TerminalTimers,
    private readonly onEnd: (session: TerminalSession, end: TerminalEnd) => void,
  ) {
    this.replay = new ReplayBuffer(timers.replayBytes);
    this.flow = new FlowControl(
      () => {
        shell.pause();
        this.watchDrain();
      },
      () => shell.resume(),
    );
    shell.onData((chunk) => this.output(chunk));
    shell.onExit((exit) =>
      this.finish(
        exit.code === null && !exit.signal ? 'host_unreachable' : 'exited',
        exit.code,
        exit.signal ?? null,
      ),
    );
    this.touch();
  }

  get attached(): boolean {
    return this.peer !== null;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** Binds a browser; a previous one is told it was replaced. Scrollback is replayed first. */
  attach(peer: TerminalPeer, cols: number, rows: number): void {
    if (this.peer && this.peer !== peer)
      this.peer.close(TERMINAL_CLOSE.attachedElsewhere, 'attached elsewhere');
    clearTimeout(this.graceTimer);
    this.graceEndsAt = null;
    this.batcher.drop();
    this.peer = peer;
    this.flow.reset();
    this.shell.resize(cols, rows);
    const replay = this.replay.snapshot();
    peer.sendJson({
      type: 'ready',
      sessionId: this.info.id,
      hostId: this.info.hostId,
      hostName: this.info.hostName,
      fingerprint: this.info.fingerprint,
      replayBytes: this.replay.length,
    });
    for (const chunk of replay) {
      peer.sendBinary(chunk);
      this.flow.sent(chunk.length, peer);
    }
  }

  detach(peer: TerminalPeer): void {
    if (this.peer !== peer || this.ended) return;
    this.batcher.drop();
    this.peer = null;
    this.flow.reset();
    this.flow.maybeResume(null);
    this.graceEndsAt = Date.now() + this.timers.graceMs;
    this.graceTimer = setTimeout(() => this.end('detached_timeout'), this.timers.graceMs);
    this.graceTimer.unref();
  }

  input(data: Buffer): void {
    if (this.ended) return;
    this.bytesIn += data.length;
    this.shell.write(data);
    this.touch();
  }

  resize(cols: number, rows: number): void {
    if (!this.ended) this.shell.resize(cols, rows);
  }

  acknowledge(bytes: number): void {
    if (this.peer) this.flow.acknowledged(bytes, this.peer);
  }

  end(reason: TerminalEndReason): void {
    this.finish(reason, null, null);
  }

  private output(chunk: Buffer): void {
    this.bytesOut += chunk.length;
    this.replay.push(chunk);
    this.touch();
    if (!this.peer) return;
    // Flow control counts each chunk as it arrives, whether or not the batcher has sent it yet.
    this.flow.sent(chunk.length, this.peer);
    this.batcher.push(chunk);
  }

  /** ws has no drain event: while paused on the socket's own queue, look again shortly. */
  private watchDrain(): void {
    clearInterval(this.drainTimer);
    this.drainTimer = setInterval(() => {
      this.flow.maybeResume(this.peer);
      if (!this.flow.isPaused) clearInterval(this.drainTimer);
    }, DRAIN_POLL_MS);
    this.drainTimer.unref();
  }

  /**
   * Output arrives many times a millisecond while streaming, and re-arming a timer per chunk adds a
   * timer allocation to every chunk. The idle timer is armed once and, when it fires, re-arms for the
   * time left since the last activity.
   */
  private touch(): void {
    this.lastActivityAt = Date.now();
    if (this.timers.idleMs && !this.idleTimer) this.armIdle(this.timers.idleMs);
  }

  private armIdle(ms: number): void {
    this.idleTimer = setTimeout(() => {
      const left = this.lastActivityAt + this.timers.idleMs - Date.now();
      if (left > 0) this.armIdle(left);
      else this.end('idle');
    }, ms);
    this.idleTimer.unref();
  }

  private finish(reason: TerminalEndReason, code: number | null, signal: string | null): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.graceTimer);
    clearTimeout(this.idleTimer);
    clearInterval(this.drainTimer);
    this.batcher.flush();
    this.shell.close();
    this.closeTransport();
    if (this.peer) {
      this.peer.sendJson({ type: 'exit', code, signal, reason });
      this.peer.close(SIGN_IN_ENDED.has(reason) ? TERMINAL_CLOSE.sessionEnded : TERMINAL_CLOSE.ended, reason);
      this.peer = null;
    }
    this.onEnd(this, { reason, code, signal, bytesIn: this.bytesIn, bytesOut: this.bytesOut });
  }
}
