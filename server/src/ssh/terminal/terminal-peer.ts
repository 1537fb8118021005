import type { TerminalServerMessage } from '@archnest/contract';
import type { WebSocket } from 'ws';

/** The browser end of a session: a WebSocket in production, anything with these methods in tests. */
export interface TerminalPeer {
  sendJson(message: TerminalServerMessage): void;
  sendBinary(data: Buffer): void;
  bufferedAmount(): number;
  close(code: number, reason: string): void;
}

export function webSocketPeer(socket: WebSocket): TerminalPeer {
  return {
    sendJson(message) {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
    },
    sendBinary(data) {
      if (socket.readyState === socket.OPEN) socket.send(data, { binary: true });
    },
    bufferedAmount: () => socket.bufferedAmount,
    close(code, reason) {
      if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING)
        socket.close(code, reason);
    },
  };
}

/** Close codes of the terminal socket (application range 4000–4999). */
export const TERMINAL_CLOSE = {
  ended: 4000,
  attachedElsewhere: 4409,
  protocolError: 4400,
  sessionEnded: 4401,
} as const;
