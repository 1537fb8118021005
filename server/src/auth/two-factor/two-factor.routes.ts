import type { FastifyInstance } from 'fastify';
import { endpoints } from '@archnest/contract';
import { toUser } from '../auth-context';
import { requestMeta, setSessionCookie } from '../../http/guard';
import { route } from '../../http/route';
import { actorOf } from '../../modules/audit/actor';
import { clearPendingLoginCookie, PENDING_LOGIN_COOKIE } from './pending-cookie';
import type { TwoFactorLoginService } from './two-factor-login.service';
import type { TwoFactorService } from './two-factor.service';

export interface TwoFactorRoutesOptions {
  twoFactor: TwoFactorService;
  twoFactorLogin: TwoFactorLoginService;
  sessionMaxMs: number;
  secureCookies: boolean;
}

export function twoFactorRoutes(
  app: FastifyInstance,
  { twoFactor, twoFactorLogin, sessionMaxMs, secureCookies }: TwoFactorRoutesOptions,
): void {
  route(app, endpoints.twoFactorLogin, async ({ body, request, reply }) => {
    const signedIn = await twoFactorLogin.complete(
      request.cookies[PENDING_LOGIN_COOKIE],
      body,
      requestMeta(request),
    );
    clearPendingLoginCookie(reply, secureCookies);
    setSessionCookie(reply, signedIn.token, sessionMaxMs, secureCookies);
    return { user: toUser(signedIn.user) };
  });

  route(app, endpoints.twoFactorStatus, ({ auth }) => twoFactor.status(auth.user));

  route(app, endpoints.twoFactorStartEnrolment, ({ auth }) => twoFactor.startEnrolment(auth.user));

  route(app, endpoints.twoFactorConfirmEnrolment, ({ auth, body, request }) =>
    twoFactor.confirmEnrolment(auth, body.code, actorOf(auth, request)),
  );

  route(app, endpoints.twoFactorRegenerateRecoveryCodes, ({ auth, body, request }) =>
    twoFactor.regenerateRecoveryCodes(auth, body, actorOf(auth, request)),
  );

  route(app, endpoints.twoFactorDisable, ({ auth, body, request }) =>
    twoFactor.disable(auth, body, actorOf(auth, request)),
  );

  route(app, endpoints.adminTwoFactorPolicy, () => twoFactor.policy());

  route(app, endpoints.adminUpdateTwoFactorPolicy, ({ auth, body, request }) =>
    twoFactor.setPolicy(auth, actorOf(auth, request), body.requirement),
  );

  route(app, endpoints.adminResetTwoFactor, ({ auth, params, request }) =>
    twoFactor.adminReset(actorOf(auth, request), params.id),
  );
}
