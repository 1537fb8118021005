import type { FastifyInstance } from 'fastify';
import {
  endpoints,
  TERMINAL_CLOSE,
  TerminalClientMessage,
  TerminalServerMessage,
  WS_CLOSE_SESSION_ENDED,
} from '@archnest/contract';
import type { SessionEvents } from '../../auth/session-events';
import { closeWhenSignInEnds } from '../../auth/sign-in-watch';
import { websocketRoute } from '../../http/openapi-access';
import { route } from '../../http/route';
import { handleTerminalSocket } from './terminal.socket';
import type { AuditService } from '../audit/audit.service';
import type { TerminalService } from './terminal.service';

export function terminalRoutes(
  app: FastifyInstance,
  terminals: TerminalService,
  audit: AuditService,
  events: SessionEvents,
): void {
  route(app, endpoints.liveTerminalSessions, ({ auth }) => Promise.resolve(terminals.live(auth)));
  route(app, endpoints.terminalAudit, ({ query }) => terminals.history(query.limit));
  app.get(
    endpoints.terminal.path,
    websocketRoute(endpoints.terminal, {
      doc: 'docs/terminal-protocol.md',
      server: TerminalServerMessage,
      client: TerminalClientMessage,
      closeCodes: TERMINAL_CLOSE,
    }),
    (socket, request) => {
      if (!request.auth) {
        socket.close(WS_CLOSE_SESSION_ENDED, 'session ended');
        return;
      }
      // A socket still connecting or answering a prompt has no terminal session to end it.
      closeWhenSignInEnds(socket, request.auth, events);
      socket.binaryType = 'nodebuffer';
      handleTerminalSocket(socket, request.auth, terminals, audit, request.log);
    },
  );
}
