import { EventEmitter } from 'node:events';

export type SessionEndReason = 'logout' | 'revoked' | 'expired' | 'user_disabled';

export interface SessionEnded {
  sessionId: string;
  userId: string;
  reason: SessionEndReason;
}

/** In-process bus: live WebSockets (and later terminal sessions) close when their session ends. */
export class SessionEvents {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  emitEnded(event: SessionEnded): void {
    this.emitter.emit('ended', event);
  }

  onEnded(listener: (event: SessionEnded) => void): () => void {
    this.emitter.on('ended', listener);
    return () => this.emitter.off('ended', listener);
  }

  emitPreferencesChanged(userId: string): void {
    this.emitter.emit('preferences', userId);
  }

  onPreferencesChanged(listener: (userId: string) => void): () => void {
    this.emitter.on('preferences', listener);
    return () => this.emitter.off('preferences', listener);
  }
}
