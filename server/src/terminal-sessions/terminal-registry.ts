import type { LiveTerminalSession } from '@archnest/contract';
import type { TerminalEndReason, TerminalSession } from './terminal-session';

/** Every live terminal session in the process, by id, with the lookups the socket and auth layers need. */
export class TerminalRegistry {
  private readonly sessions = new Map<string, TerminalSession>();
  /** Bytes relayed by sessions that have ended; live ones are summed when asked (for /metrics). */
  private ended = { in: 0, out: 0 };

  add(session: TerminalSession): void {
    this.sessions.set(session.info.id, session);
  }

  remove(session: TerminalSession): void {
    if (!this.sessions.delete(session.info.id)) return;
    this.ended = { in: this.ended.in + session.bytesIn, out: this.ended.out + session.bytesOut };
  }

  /** Every byte typed into (in) and printed by (out) a terminal since the process started. */
  relayedBytes(): { in: number; out: number } {
    let { in: bytesIn, out: bytesOut } = this.ended;
    for (const s of this.sessions.values()) {
      bytesIn += s.bytesIn;
      bytesOut += s.bytesOut;
    }
    return { in: bytesIn, out: bytesOut };
  }

  /** Only the user who opened a session may attach to it. */
  find(id: string, userId: string): TerminalSession | undefined {
    const session = this.sessions.get(id);
    return session && session.info.userId === userId && !session.isEnded ? session : undefined;
  }

  countInTab(userId: string, tabId: string): number {
    let n = 0;
    for (const s of this.sessions.values()) if (s.info.userId === userId && s.info.tabId === tabId) n++;
    return n;
  }

  /** The user's live sessions, oldest first. */
  listForUser(userId: string): LiveTerminalSession[] {
    return [...this.sessions.values()]
      .filter((s) => s.info.userId === userId && !s.isEnded)
      .map((s) => ({
        sessionId: s.info.id,
        kind: s.info.kind,
        hostId: s.info.hostId,
        hostName: s.info.hostName,
        tabId: s.info.tabId,
        attached: s.attached,
        endsAt: s.graceEndsAt === null ? null : new Date(s.graceEndsAt).toISOString(),
        startedAt: s.info.startedAt.toISOString(),
        lastActivityAt: new Date(s.lastActivityAt).toISOString(),
        bytesIn: s.bytesIn,
        bytesOut: s.bytesOut,
      }));
  }

  /** A live session by id, whoever owns it (the audit reads its byte counters). */
  get(id: string): TerminalSession | undefined {
    return this.sessions.get(id);
  }

  matching(predicate: (s: TerminalSession) => boolean): TerminalSession[] {
    return [...this.sessions.values()].filter(predicate);
  }

  endWhere(predicate: (s: TerminalSession) => boolean, reason: TerminalEndReason): number {
    const matching = [...this.sessions.values()].filter(predicate);
    for (const s of matching) s.end(reason);
    return matching.length;
  }

  get size(): number {
    return this.sessions.size;
  }
}
