import type { TerminalServerMessage } from '@archnest/contract';

export { TERMINAL_CLOSE } from '@archnest/contract';
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
