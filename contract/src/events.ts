import { z } from 'zod';
import { GuestTask } from './guest-actions';
import { AlertEvent } from './alerts';
import { HostReachability } from './home';

/** Messages the server sends on the `/api/events` WebSocket. */
export const ServerEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), userId: z.string() }),
  z.object({
    type: z.literal('session_ended'),
    reason: z.enum(['logout', 'revoked', 'expired', 'user_disabled']),
  }),
  z.object({ type: z.literal('preferences_changed') }),
  /** Admins only: a guest power task started, logged a line, or ended (`task.state`). */
  z.object({ type: z.literal('guest_task'), task: GuestTask }),
  /** An alert fired, repeated or resolved; the bell counts it as unread. */
  z.object({ type: z.literal('alert'), event: AlertEvent }),
  /** SSH port checks that just ended, only for hosts the user may use. */
  z.object({ type: z.literal('ssh_reachability'), hosts: z.array(HostReachability) }),
  /** Some source was polled; what the user sees may have changed (no detail: re-read `/api/home`). */
  z.object({ type: z.literal('infrastructure_changed') }),
]);
export type ServerEvent = z.infer<typeof ServerEvent>;

/** Close code sent after `session_ended`: the client should go back to the login page. */
export const WS_CLOSE_SESSION_ENDED = 4401;
export const WS_CLOSE_ORIGIN_FORBIDDEN = 4403;
