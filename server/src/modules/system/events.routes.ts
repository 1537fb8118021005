import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { endpoints, WS_CLOSE_SESSION_ENDED, type ServerEvent } from '@archnest/contract';
import type { SessionEvents } from '../../auth/session-events';
import type { SessionService } from '../../auth/session.service';
import { SESSION_COOKIE } from '../../auth/session-token';

/** Sessions also end by expiry, which no event announces; live sockets re-check on this period. */
const RECHECK_MS = 30_000;

function send(socket: WebSocket, event: ServerEvent): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(event));
}

export function eventsRoutes(app: FastifyInstance, events: SessionEvents, sessions: SessionService): void {
  app.get(
    endpoints.events.path,
    {
      websocket: true,
      config: { access: endpoints.events.access, requireOrigin: true },
      schema: { hide: true },
    },
    (socket, request) => {
      const auth = request.auth;
      if (!auth) {
        socket.close(WS_CLOSE_SESSION_ENDED, 'session ended');
        return;
      }
      const token = request.cookies[SESSION_COOKIE] ?? '';
      const endSocket = (reason: 'logout' | 'revoked' | 'expired' | 'user_disabled') => {
        send(socket, { type: 'session_ended', reason });
        socket.close(WS_CLOSE_SESSION_ENDED, 'session ended');
      };
      const offEnded = events.onEnded((ended) => {
        if (ended.sessionId === auth.session.id) endSocket(ended.reason);
      });
      const offPrefs = events.onPreferencesChanged((userId) => {
        if (userId === auth.user.id) send(socket, { type: 'preferences_changed' });
      });
      const offAlert = events.onAlert((event) => send(socket, { type: 'alert', event }));
      const recheck = setInterval(() => {
        sessions.authenticate(token).then(
          (still) => {
            if (!still) endSocket('expired');
          },
          (err: unknown) => request.log.warn({ err }, 'session re-check failed'),
        );
      }, RECHECK_MS);
      recheck.unref();
      socket.on('close', () => {
        offEnded();
        offPrefs();
        offAlert();
        clearInterval(recheck);
      });
      send(socket, { type: 'hello', userId: auth.user.id });
    },
  );
}
