import type { FastifyInstance } from 'fastify';
import { websocketRoute } from '../../http/openapi-access';
import { endpoints, TERMINAL_CLOSE, TerminalClientMessage, TerminalServerMessage } from '@archnest/contract';
import { route } from '../../http/route';
import { handleTerminalSocket } from './terminal.socket';
import type { AuditService } from '../audit/audit.service';
import type { TerminalService } from './terminal.service';

export function terminalRoutes(app: FastifyInstance, terminals: TerminalService, audit: AuditService): void {
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
        socket.close(4401, 'session ended');
        return;
      }
      socket.binaryType = 'nodebuffer';
      handleTerminalSocket(socket, request.auth, terminals, audit, request.log);
    },
  );
}
