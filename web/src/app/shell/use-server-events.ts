import { endpoints, ServerEvent, WS_CLOSE_SESSION_ENDED } from '@archnest/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { callApi } from '../../api/call-api';
import { queryKeys } from '../../api/query-keys';
import { showTaskToast } from '../../components/tasks/task-toast';
import { endClientSession } from '../../lib/client-session';
import { applyGuestTask } from '../../lib/guest-task-cache';
import { applyReachability } from '../../lib/use-host-reachability';
import { webSocketUrl } from '../../lib/websocket-url';

const MAX_BACKOFF_MS = 30_000;

function eventsUrl(): string {
  return webSocketUrl(endpoints.events.path);
}

/**
 * Listens to the server's per-session event stream. A `session_ended` event (or close code 4401)
 * ends the client session at once, so a revoked browser does not keep showing data.
 */
export function useServerEvents() {
  const queryClient = useQueryClient();

  useEffect(() => {
    let socket: WebSocket | null = null;
    let retryTimer: ReturnType<typeof setTimeout> | null = null;
    let attempt = 0;
    let stopped = false;

    const onMessage = (message: MessageEvent) => {
      if (typeof message.data !== 'string') return;
      let json: unknown;
      try {
        json = JSON.parse(message.data);
      } catch {
        return;
      }
      const parsed = ServerEvent.safeParse(json);
      if (!parsed.success) return;
      const event = parsed.data;
      switch (event.type) {
        case 'hello':
          attempt = 0;
          break;
        case 'session_ended':
          stopped = true;
          endClientSession(event.reason);
          break;
        case 'preferences_changed':
          void queryClient.invalidateQueries({ queryKey: queryKeys.preferences });
          break;
        case 'guest_task':
          showTaskToast(event.task);
          applyGuestTask(queryClient, event.task);
          break;
        case 'alert':
          void queryClient.invalidateQueries({ queryKey: queryKeys.alerts });
          void queryClient.invalidateQueries({ queryKey: queryKeys.home });
          break;
        case 'ssh_reachability':
          applyReachability(queryClient, event.hosts);
          void queryClient.invalidateQueries({ queryKey: queryKeys.home });
          void queryClient.invalidateQueries({ queryKey: queryKeys.infrastructureOverview });
          break;
        case 'infrastructure_changed':
          void queryClient.invalidateQueries({ queryKey: queryKeys.home });
          break;
      }
    };

    const scheduleReconnect = () => {
      const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt) * (0.75 + Math.random() * 0.5);
      attempt += 1;
      retryTimer = setTimeout(() => {
        // A refused upgrade looks like any dropped connection; asking the API tells a lost session
        // (callApi then ends the client session on 401) from a network blip.
        callApi(endpoints.me).then(connect, () => {
          if (!stopped) scheduleReconnect();
        });
      }, delay);
    };

    const connect = () => {
      if (stopped) return;
      socket = new WebSocket(eventsUrl());
      socket.addEventListener('message', onMessage);
      socket.addEventListener('close', (event) => {
        socket = null;
        if (stopped) return;
        if (event.code === WS_CLOSE_SESSION_ENDED) {
          stopped = true;
          endClientSession('revoked');
          return;
        }
        scheduleReconnect();
      });
    };

    connect();
    return () => {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      socket?.close(1000, 'leaving');
    };
  }, [queryClient]);
}
