import type { FastifyInstance } from 'fastify';
import { endpoints, type SsoStatus } from '@archnest/contract';
import { toUser, type UserRow } from './auth-context';
import type { AuthService } from './auth.service';
import { clearSessionCookie, requestMeta, setSessionCookie } from '../http/guard';
import { route } from '../http/route';
import { setPendingLoginCookie } from './two-factor/pending-cookie';

export interface AuthRoutesOptions {
  auth: AuthService;
  sessionMaxMs: number;
  secureCookies: boolean;
  /** Two-factor is required of this user and not on yet (the session is limited to enrolment). */
  enrolmentRequired?: (user: UserRow) => Promise<boolean>;
  /** The sign-in button to offer (single sign-on), or null. */
  ssoStatus: () => Promise<SsoStatus>;
}

export function authRoutes(
  app: FastifyInstance,
  { auth, sessionMaxMs, secureCookies, enrolmentRequired, ssoStatus }: AuthRoutesOptions,
): void {
  route(app, endpoints.authStatus, async ({ auth: current }) => ({
    setupRequired: await auth.setupRequired(),
    user: current ? toUser(current.user) : null,
    twoFactorEnrolmentRequired: current && enrolmentRequired ? await enrolmentRequired(current.user) : false,
    sso: await ssoStatus(),
  }));

  route(app, endpoints.setup, async ({ body, request, reply }) => {
    const signedIn = await auth.setup(body, requestMeta(request));
    setSessionCookie(reply, signedIn.token, sessionMaxMs, secureCookies);
    return { user: toUser(signedIn.user) };
  });

  route(app, endpoints.login, async ({ body, request, reply }) => {
    const result = await auth.login(body, requestMeta(request));
    if ('pendingToken' in result) {
      setPendingLoginCookie(reply, result.pendingToken, secureCookies);
      return { twoFactorRequired: true as const };
    }
    setSessionCookie(reply, result.token, sessionMaxMs, secureCookies);
    return { user: toUser(result.user) };
  });

  route(app, endpoints.logout, async ({ auth: current, reply }) => {
    await auth.logout(current);
    clearSessionCookie(reply, secureCookies);
  });

  route(app, endpoints.me, ({ auth: current }) => Promise.resolve(toUser(current.user)));

  route(app, endpoints.changePassword, ({ auth: current, body, request }) =>
    auth.changePassword(current, body, requestMeta(request)),
  );

  route(app, endpoints.listSessions, ({ auth: current }) => auth.listSessions(current));

  route(app, endpoints.endSession, async ({ auth: current, params, reply }) => {
    await auth.endSession(current, params.id);
    if (params.id === current.session.id) clearSessionCookie(reply, secureCookies);
  });

  route(app, endpoints.ownLoginAudit, ({ auth: current, query }) => auth.ownLoginAudit(current, query.limit));

  route(app, endpoints.adminLoginAudit, ({ query }) => auth.allLoginAudit(query.limit));
}
