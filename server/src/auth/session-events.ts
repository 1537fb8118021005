import { EventEmitter } from 'node:events';
import type { AlertEvent, HostReachability } from '@archnest/contract';

export type SessionEndReason = 'logout' | 'revoked' | 'expired' | 'user_disabled';

export interface SessionEnded {
  sessionId: string;
  userId: string;
  reason: SessionEndReason;
}

const RELAYED = ['ended', 'preferences', 'alert'] as const;
export type RelayedKind = (typeof RELAYED)[number];

/** In-process bus: live WebSockets (and later terminal sessions) close when their session ends. */
export class SessionEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);
  /** Set with several replicas on PostgreSQL: each event emitted here also goes to the other replicas. */
  relay: ((kind: RelayedKind, data: unknown) => void) | null = null;

  /** An event another replica emitted: to this process's listeners only. */
  deliver(kind: string, data: unknown): void {
    if ((RELAYED as readonly string[]).includes(kind)) this.emitter.emit(kind, data);
  }

  emitEnded(event: SessionEnded): void {
    this.emitter.emit('ended', event);
    this.relay?.('ended', event);
  }

  onEnded(listener: (event: SessionEnded) => void): () => void {
    this.emitter.on('ended', listener);
    return () => this.emitter.off('ended', listener);
  }

  emitPreferencesChanged(userId: string): void {
    this.emitter.emit('preferences', userId);
    this.relay?.('preferences', userId);
  }

  onPreferencesChanged(listener: (userId: string) => void): () => void {
    this.emitter.on('preferences', listener);
    return () => this.emitter.off('preferences', listener);
  }

  /** An alert fired, repeated or resolved: every signed-in user's bell hears of it. */
  emitAlert(event: AlertEvent): void {
    this.emitter.emit('alert', event);
    this.relay?.('alert', event);
  }

  onAlert(listener: (event: AlertEvent) => void): () => void {
    this.emitter.on('alert', listener);
    return () => this.emitter.off('alert', listener);
  }

  /** SSH port checks that just ended; the events socket filters them per user. */
  emitReachability(results: HostReachability[]): void {
    this.emitter.emit('reachability', results);
  }

  onReachability(listener: (results: HostReachability[]) => void): () => void {
    this.emitter.on('reachability', listener);
    return () => this.emitter.off('reachability', listener);
  }

  /** Some source was polled (throttled): Home re-reads its summary. */
  emitInfrastructureChanged(): void {
    this.emitter.emit('infrastructure');
  }

  onInfrastructureChanged(listener: () => void): () => void {
    this.emitter.on('infrastructure', listener);
    return () => this.emitter.off('infrastructure', listener);
  }
}
