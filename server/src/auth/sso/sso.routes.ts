import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { endpoints, type EndpointDef } from '@archnest/contract';
import { actorOf } from '../../modules/audit/actor';
import { requestMeta, setSessionCookie } from '../../http/guard';
import { route } from '../../http/route';
import { toUser } from '../auth-context';
import { SSO_LINK_TTL_MS, SSO_LOGIN_TTL_MS, type SsoLoginService } from './sso-login.service';
import { SsoRefusal } from './sso-refusal';
import type { SsoSettingsService } from './sso-settings.service';
import type { SsoUsersService } from './sso-users.service';

/** The browser's single-use sign-in cookie, and the one of a provider sign-in waiting to be linked. */
export const SSO_LOGIN_COOKIE = 'archnest_sso';
export const SSO_LINK_COOKIE = 'archnest_sso_link';
const COOKIE_PATH = '/api/auth/sso';

export interface SsoRoutesOptions {
  login: SsoLoginService;
  settings: SsoSettingsService;
  users: SsoUsersService;
  publicUrl: string | undefined;
  secureCookies: boolean;
  sessionMaxMs: number;
}

/** A GET that answers with a redirect: registered with the contract's access like every route. */
function redirectRoute(
  app: FastifyInstance,
  endpoint: EndpointDef,
  handler: (request: FastifyRequest, reply: FastifyReply) => Promise<string>,
): void {
  app.route({
    method: endpoint.method,
    url: endpoint.path,
    config: { access: endpoint.access, ...(endpoint.feature ? { feature: endpoint.feature } : {}) },
    schema: { summary: endpoint.summary, tags: [endpoint.tag] },
    handler: async (request, reply) => {
      const location = await handler(request, reply);
      return reply.header('cache-control', 'no-store').redirect(location, 302);
    },
  });
}

export function ssoRoutes(app: FastifyInstance, options: SsoRoutesOptions): void {
  const { login, settings, users, secureCookies } = options;
  // Lax, not Strict: the provider sends the browser back with a cross-site top-level navigation.
  const cookie = (maxAgeMs: number) => ({
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: secureCookies,
    path: COOKIE_PATH,
    maxAge: Math.floor(maxAgeMs / 1000),
  });
  const clear = { httpOnly: true, sameSite: 'lax' as const, secure: secureCookies, path: COOKIE_PATH };
  const redirectUri = (request: FastifyRequest) =>
    `${options.publicUrl ?? `${request.protocol}://${request.host}`}/api/auth/sso/callback`;

  redirectRoute(app, endpoints.ssoLogin, async (request, reply) => {
    try {
      const { url, cookieToken } = await login.start(redirectUri(request));
      void reply.setCookie(SSO_LOGIN_COOKIE, cookieToken, cookie(SSO_LOGIN_TTL_MS));
      return url;
    } catch (error) {
      if (error instanceof SsoRefusal) return `/login?sso_error=${error.code}`;
      throw error;
    }
  });

  redirectRoute(app, endpoints.ssoCallback, async (request, reply) => {
    const query = new URLSearchParams(request.url.split('?')[1] ?? '');
    void reply.clearCookie(SSO_LOGIN_COOKIE, clear);
    try {
      const outcome = await login.callback(request.cookies[SSO_LOGIN_COOKIE], query, requestMeta(request));
      if (outcome.kind === 'link') {
        void reply.setCookie(SSO_LINK_COOKIE, outcome.linkToken, cookie(SSO_LINK_TTL_MS));
        return '/login?sso=link';
      }
      setSessionCookie(reply, outcome.token, options.sessionMaxMs, secureCookies);
      return '/';
    } catch (error) {
      if (error instanceof SsoRefusal) {
        if (error.code === 'token_failed' || error.code === 'provider_error') {
          request.log.warn({ code: error.code, detail: error.message }, 'single sign-on refused');
        }
        return `/login?sso_error=${error.code}`;
      }
      throw error;
    }
  });

  route(app, endpoints.ssoPendingLink, ({ request }) => login.pendingLink(request.cookies[SSO_LINK_COOKIE]));

  route(app, endpoints.ssoCompleteLink, async ({ body, request, reply }) => {
    const signedIn = await login.completeLink(
      request.cookies[SSO_LINK_COOKIE],
      body.password,
      requestMeta(request),
    );
    void reply.clearCookie(SSO_LINK_COOKIE, clear);
    setSessionCookie(reply, signedIn.token, options.sessionMaxMs, secureCookies);
    return { user: toUser(signedIn.user) };
  });

  route(app, endpoints.getSsoSettings, ({ request }) => settings.view(redirectUri(request)));

  route(app, endpoints.updateSsoSettings, async ({ auth, body, request }) => {
    await settings.update(actorOf(auth, request), body);
    return settings.view(redirectUri(request));
  });

  route(app, endpoints.testSsoSettings, () => login.test());

  route(app, endpoints.listSsoUsers, () => users.list());

  route(app, endpoints.pinSsoRole, ({ auth, params, body, request }) =>
    users.setPin(actorOf(auth, request), params.id, body.pinned),
  );

  route(app, endpoints.unlinkSsoUser, ({ auth, params, request }) =>
    users.unlink(actorOf(auth, request), params.id),
  );
}
