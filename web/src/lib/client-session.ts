/**
 * Why the browser's session ended. `signed_out` is the user's own doing and needs no warning; the
 * others arrive from the server (a 401 or a `session_ended` event).
 */
export type SessionEndReason = 'signed_out' | 'expired' | 'logout' | 'revoked' | 'user_disabled';

type Handler = (reason: SessionEndReason) => void;

let handler: Handler | null = null;
// Several 401s and a WebSocket event usually arrive together; only the first one should act.
let ended = false;
// While the user signs out on purpose, the server's own `session_ended` echo must not read as a warning.
let signingOut = false;

export function onClientSessionEnd(fn: Handler): void {
  handler = fn;
}

export function endClientSession(reason: SessionEndReason): void {
  if (ended) return;
  ended = true;
  handler?.(signingOut ? 'signed_out' : reason);
}

export function markSigningOut(): void {
  signingOut = true;
}

export function markClientSessionStarted(): void {
  ended = false;
  signingOut = false;
}
