import type { WebSocket } from 'ws';
import { LOGS_CLOSE } from '@archnest/contract';
import type { LogStream } from '../../docker';
import { AppError } from '../../http/app-error';

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
          socket.close(LOGS_CLOSE.tooSlow, 'the browser is not keeping up with this log');
          return;
        }
        socket.send(JSON.stringify(chunk));
      });
      opened.onEnd((error) =>
        socket.close(
          error ? LOGS_CLOSE.unreachable : LOGS_CLOSE.ended,
          error ? error.message.slice(0, 120) : 'log ended',
        ),
      );
    },
    (error: unknown) => {
      const byStatus: Record<number, number> = { 404: LOGS_CLOSE.notFound, 400: LOGS_CLOSE.invalid };
      const code =
        error instanceof AppError ? (byStatus[error.status] ?? LOGS_CLOSE.unreachable) : LOGS_CLOSE.failed;
      socket.close(code, (error instanceof Error ? error.message : 'failed').slice(0, 120));
    },
  );
}
