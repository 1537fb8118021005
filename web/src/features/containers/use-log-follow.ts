import { endpoints, fillPath, LogChunk, LOGS_CLOSE, WS_CLOSE_SESSION_ENDED } from '@archnest/contract';
import { useEffect, useRef, useState } from 'react';
import { webSocketUrl } from '../../lib/websocket-url';

const endedText: Record<number, string> = {
  [LOGS_CLOSE.ended]: 'The log ended (the container stopped).',
  [LOGS_CLOSE.notFound]: 'The container no longer exists.',
  [LOGS_CLOSE.unreachable]: 'The Docker host could not be reached.',
  [LOGS_CLOSE.tooSlow]: 'The log came faster than this page could show it; follow was stopped.',
  [WS_CLOSE_SESSION_ENDED]: 'Your sign-in ended; sign in again to follow the log.',
};

export type FollowState =
  { status: 'off' } | { status: 'connecting' | 'live' } | { status: 'ended'; message: string };

interface FollowOptions {
  hostId: string;
  ref: string;
  timestamps: boolean;
  enabled: boolean;
  /** Called on the first frame, so the caller can replace what it showed before. */
  onStart: () => void;
  onChunks: (chunks: LogChunk[]) => void;
}

/**
 * Follows a container's log over its WebSocket (tail 200, then live). Frames are batched per
 * animation frame so a busy log re-renders at most once per frame.
 */
export function useLogFollow({ hostId, ref, timestamps, enabled, onStart, onChunks }: FollowOptions) {
  const [state, setState] = useState<FollowState>({ status: 'off' });
  const handlers = useRef({ onStart, onChunks });
  useEffect(() => {
    handlers.current = { onStart, onChunks };
  });

  useEffect(() => {
    if (!enabled) {
      setState({ status: 'off' });
      return;
    }
    const path = fillPath(endpoints.followContainerLogs.path, { id: hostId, ref });
    const socket = new WebSocket(
      webSocketUrl(`${path}?tail=200&timestamps=${timestamps ? 'true' : 'false'}`),
    );
    let batch: LogChunk[] = [];
    let frame: number | null = null;
    let started = false;
    let closedByUs = false;
    const flush = () => {
      frame = null;
      const chunks = batch;
      batch = [];
      if (chunks.length) handlers.current.onChunks(chunks);
    };
    setState({ status: 'connecting' });
    socket.addEventListener('open', () => {
      handlers.current.onStart();
      started = true;
      setState({ status: 'live' });
    });
    socket.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (typeof event.data !== 'string' || !started) return;
      let json: unknown;
      try {
        json = JSON.parse(event.data);
      } catch {
        return;
      }
      const parsed = LogChunk.safeParse(json);
      if (!parsed.success) return;
      batch.push(parsed.data);
      frame ??= requestAnimationFrame(flush);
    });
    socket.addEventListener('close', (event) => {
      if (closedByUs) return;
      if (frame !== null) cancelAnimationFrame(frame);
      flush();
      const known = endedText[event.code];
      const reason = event.reason ? ` ${event.reason}` : '';
      setState({
        status: 'ended',
        message: known
          ? `${known}${event.code === LOGS_CLOSE.unreachable ? reason : ''}`
          : `Follow stopped (${event.code}).${reason}`,
      });
    });
    return () => {
      closedByUs = true;
      if (frame !== null) cancelAnimationFrame(frame);
      socket.close(1000, 'follow off');
    };
  }, [enabled, hostId, ref, timestamps]);

  return state;
}
