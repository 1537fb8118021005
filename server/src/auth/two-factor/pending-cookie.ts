import type { FastifyReply } from 'fastify';
import { PENDING_LOGIN_TTL_MS } from './two-factor-login.service';

export const PENDING_LOGIN_COOKIE = 'archnest_pending_login';
/** Sent only to the login routes: nothing else ever sees the pending token. */
const COOKIE_PATH = '/api/auth/login';

export function setPendingLoginCookie(reply: FastifyReply, token: string, secure: boolean): void {
  void reply.setCookie(PENDING_LOGIN_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: COOKIE_PATH,
    maxAge: Math.floor(PENDING_LOGIN_TTL_MS / 1000),
  });
}

export function clearPendingLoginCookie(reply: FastifyReply, secure: boolean): void {
  void reply.clearCookie(PENDING_LOGIN_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: COOKIE_PATH,
  });
}
