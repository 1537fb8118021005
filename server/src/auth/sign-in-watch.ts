import type { WebSocket } from 'ws';
import { WS_CLOSE_SESSION_ENDED } from '@archnest/contract';
import type { AuthContext } from './auth-context';
import type { SessionEnded, SessionEvents } from './session-events';

/** Whether an ended session takes this sign-in with it (its own session, or its user disabled). */
export function endsSignIn(ended: SessionEnded, auth: AuthContext): boolean {
  return (
    ended.sessionId === auth.session.id || (ended.reason === 'user_disabled' && ended.userId === auth.user.id)
  );
}

/**
 * Closes a live socket with 4401 (the one "sign-in ended" code of every ArchNest socket) as soon as
 * the session it was opened with ends; `before` may say why first.
 */
export function closeWhenSignInEnds(
  socket: WebSocket,
  auth: AuthContext,
  events: SessionEvents,
  before?: (ended: SessionEnded) => void,
): void {
  const off = events.onEnded((ended) => {
    if (!endsSignIn(ended, auth)) return;
    before?.(ended);
    if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) {
      socket.close(WS_CLOSE_SESSION_ENDED, 'session ended');
    }
  });
  socket.once('close', off);
}
