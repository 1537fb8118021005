import type { WebSocket } from 'ws';
import type { LogStream } from '../../docker';
import { AppError } from '../../http/app-error';

/** Close codes: 4000 the log ended, 4404 no such container, 4503 the host could not be reached. */
const CLOSE_ENDED = 4000;

/**
 * Streams a followed log as JSON LogChunk frames. When the browser reads slower than the container
 * writes, frames queue in the socket; past a cap the follow is dropped rather than letting memory grow.
 */
export function followLogsSocket(socket: WebSocket, open: () => Promise<LogStream>): void {
  const MAX_BUFFERED = 4 * 1024 * 1024;
  let stream: LogStream | null = null;
  let closed = false;
  socket.on('close', () => {
    closed = true;
    stream?.close();
  });
  open().then(
    (opened) => {
      stream = opened;
      if (closed) {
        opened.close();
        return;
      }
      opened.onChunk((chunk) => {
        if (socket.bufferedAmount > MAX_BUFFERED) {
          socket.close(4429, 'the browser is not keeping up with this log');
          return;
        }
        socket.send(JSON.stringify(chunk));
      });
      opened.onEnd((error) =>
        socket.close(error ? 4503 : CLOSE_ENDED, error ? error.message.slice(0, 120) : 'log ended'),
      );
    },
    (error: unknown) => {
      const code =
        error instanceof AppError ? (error.status === 404 ? 4404 : error.status === 400 ? 4400 : 4503) : 4500;
      socket.close(code, (error instanceof Error ? error.message : 'failed').slice(0, 120));
    },
  );
}
