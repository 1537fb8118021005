import type { FastifyInstance } from 'fastify';
import { websocketRoute } from '../../http/openapi-access';
import type { WebSocket } from 'ws';
import { endpoints, ServerEvent, WS_CLOSE_SESSION_ENDED } from '@archnest/contract';
import type { SessionEvents } from '../../auth/session-events';
import type { SessionService } from '../../auth/session.service';
import { SESSION_COOKIE } from '../../auth/session-token';
import type { GuestActionsService } from '../guest-actions/guest-actions.service';
import { viewerOf, type Viewer } from '../hosts/host-access';

/** Which hosts a user may use (null: every host); reachability events are filtered by it. */
export type VisibleHosts = (viewer: Viewer) => Promise<Set<string> | null>;

/** Sessions also end by expiry, which no event announces; live sockets re-check on this period. */
const RECHECK_MS = 30_000;

function send(socket: WebSocket, event: ServerEvent): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(event));
}

export function eventsRoutes(
  app: FastifyInstance,
  events: SessionEvents,
  sessions: SessionService,
  guestActions: GuestActionsService,
  visibleHosts: VisibleHosts,
): void {
  app.get(
    endpoints.events.path,
    websocketRoute(endpoints.events, {
      doc: 'docs/openapi.md#the-events-websocket',
      server: ServerEvent,
      closeCodes: { sessionEnded: WS_CLOSE_SESSION_ENDED },
    }),
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
      // Guest tasks go to admins only; the role is read again per event, so a demoted admin stops hearing them.
      // Chained, so a task's updates arrive in the order they happened.
      let taskChain: Promise<void> = Promise.resolve();
      const offTasks = guestActions.onTask((task) => {
        taskChain = taskChain
          .then(() => sessions.authenticate(token))
          .then(
            (still) => {
              if (still?.user.role === 'admin') send(socket, { type: 'guest_task', task });
            },
            (err: unknown) => request.log.warn({ err }, 'session re-check failed'),
          );
      });
      const offAlert = events.onAlert((event) => send(socket, { type: 'alert', event }));
      // Reachability: only hosts the user may use now (role and grants read again per round).
      let reachChain: Promise<void> = Promise.resolve();
      const offReach = events.onReachability((results) => {
        reachChain = reachChain
          .then(() => sessions.authenticate(token))
          .then(async (still) => {
            if (!still) return;
            const visible = await visibleHosts(viewerOf(still));
            const hosts = visible ? results.filter((r) => visible.has(r.hostId)) : results;
            if (hosts.length) send(socket, { type: 'ssh_reachability', hosts });
          })
          .catch((err: unknown) => request.log.warn({ err }, 'reachability event failed'));
      });
      const offInfra = events.onInfrastructureChanged(() => send(socket, { type: 'infrastructure_changed' }));
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
        offTasks();
        offAlert();
        offReach();
        offInfra();
        clearInterval(recheck);
      });
      send(socket, { type: 'hello', userId: auth.user.id });
    },
  );
}
