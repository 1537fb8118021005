import { endpoints, fillPath, PULL_CLOSE, PullFrame, WS_CLOSE_SESSION_ENDED } from '@archnest/contract';
import { useCallback, useEffect, useRef, useState } from 'react';

/** One layer's latest line, as `docker pull` shows it. */
export interface LayerProgress {
  layer: string;
  status: string;
  current?: number;
  total?: number;
}

export type PullState =
  | { phase: 'idle' }
  | { phase: 'pulling'; ref: string; layers: LayerProgress[]; lines: string[] }
  | { phase: 'done'; ref: string; layers: LayerProgress[]; lines: string[] }
  | { phase: 'failed'; ref: string; layers: LayerProgress[]; lines: string[]; message: string };

const closedText: Record<number, string> = {
  [PULL_CLOSE.unreachable]: 'The Docker host could not be reached.',
  [PULL_CLOSE.unsupported]: 'This host is reached through the Docker CLI; pulling needs the Engine API.',
  [WS_CLOSE_SESSION_ENDED]: 'Your sign-in ended; sign in again to pull.',
};

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Pulls an image over the pull WebSocket: per-layer progress replaces itself in place, other lines
 * (digest, status) are kept in order. Closing (cancel, leaving the page) stops the pull.
 */
export function useImagePull(hostId: string, onDone: () => void) {
  const [state, setState] = useState<PullState>({ phase: 'idle' });
  const socketRef = useRef<WebSocket | null>(null);
  const done = useRef(onDone);
  useEffect(() => {
    done.current = onDone;
  });
  useEffect(() => () => socketRef.current?.close(), []);

  const start = useCallback(
    (ref: string) => {
      socketRef.current?.close();
      const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
      const path = fillPath(endpoints.pullImage.path, { id: hostId });
      const socket = new WebSocket(`${scheme}://${location.host}${path}?ref=${encodeURIComponent(ref)}`);
      socketRef.current = socket;
      const layers = new Map<string, LayerProgress>();
      const lines: string[] = [];
      let failure: string | null = null;
      let finished = false;
      const snapshot = () => ({ ref, layers: [...layers.values()], lines: [...lines] });
      setState({ phase: 'pulling', ...snapshot() });
      socket.addEventListener('message', (event: MessageEvent<unknown>) => {
        if (typeof event.data !== 'string') return;
        const parsed = PullFrame.safeParse(parseJson(event.data));
        if (!parsed.success) return;
        const frame = parsed.data;
        if (frame.type === 'error') failure = frame.message;
        else if (frame.type === 'done') finished = true;
        else if (frame.layer) layers.set(frame.layer, { ...frame, layer: frame.layer });
        else lines.push(frame.status);
        setState((prev) => (prev.phase === 'pulling' ? { phase: 'pulling', ...snapshot() } : prev));
      });
      socket.addEventListener('close', (event) => {
        if (socketRef.current !== socket) return;
        socketRef.current = null;
        if (finished) {
          setState({ phase: 'done', ...snapshot() });
          done.current();
          return;
        }
        const message = failure ?? closedText[event.code] ?? 'The pull was cut off before it finished.';
        setState({ phase: 'failed', ...snapshot(), message });
      });
    },
    [hostId],
  );

  const cancel = useCallback(() => {
    const socket = socketRef.current;
    socketRef.current = null;
    socket?.close();
    setState((prev) =>
      prev.phase === 'pulling' ? { ...prev, phase: 'failed', message: 'Pull cancelled.' } : prev,
    );
  }, []);

  const reset = useCallback(() => setState({ phase: 'idle' }), []);
  return { state, start, cancel, reset };
}
