import type { WebSocket } from 'ws';
import { PULL_CLOSE, type PullFrame } from '@archnest/contract';
import type { PullStream } from '../../docker';
import { AppError } from '../../http/app-error';

function closeCodeOf(error: AppError): number {
  if (error.code === 'docker_api_required') return PULL_CLOSE.unsupported;
  if (error.code === 'docker_unavailable') return PULL_CLOSE.unreachable;
  if (error.status === 404) return PULL_CLOSE.notFound;
  if (error.status === 400) return PULL_CLOSE.invalid;
  return PULL_CLOSE.failed;
}

/**
 * Streams a pull's progress as PullFrame JSON. The last frame is `done` or `error` (the daemon's
 * words); then the socket closes. Closing the socket from the browser cancels the pull.
 */
export function pullSocket(socket: WebSocket, ref: string, open: () => Promise<PullStream>): void {
  let stream: PullStream | null = null;
  let closed = false;
  const send = (frame: PullFrame) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
  };
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
      opened.onFrame(send);
      opened.onEnd((error) => {
        if (closed) return;
        if (error) {
          send({ type: 'error', message: error.message });
          socket.close(PULL_CLOSE.failed, 'pull failed');
          return;
        }
        send({ type: 'done', ref, status: `Pulled ${ref}.` });
        socket.close(PULL_CLOSE.done, 'pulled');
      });
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : 'The pull could not start.';
      send({ type: 'error', message });
      const code = error instanceof AppError ? closeCodeOf(error) : PULL_CLOSE.failed;
      socket.close(code, message.slice(0, 120));
    },
  );
}
