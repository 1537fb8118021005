import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Access, FeatureName } from '@archnest/contract';
import { authenticateApiKeyRequest } from '../auth/api-keys/api-key-guard';
import { presentsApiKey } from '../auth/api-keys/api-key-token';
import type { ApiKeysService } from '../auth/api-keys/api-keys.service';
import type { AuthContext, RequestMeta } from '../auth/auth-context';
import type { EnrolmentGate } from '../auth/two-factor/enrolment-gate';
import { SESSION_COOKIE } from '../auth/session-token';
import type { SessionService } from '../auth/session.service';
import type { AgentPrincipal } from '../modules/agents/agent-tokens.service';
import type { Features } from '../features';
import { accessRefusal } from './access';
import { AppError } from './app-error';
import { isAllowedOrigin } from './origin';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    feature?: FeatureName;
    /** Set for WebSocket routes: the upgrade must carry our own Origin. */
    requireOrigin?: boolean;
    /** A personal API key may call this user/admin route (from the contract; unset = no). */
    apiKeys?: boolean;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
    /** Set on `agent` routes once the bearer token checked out. */
    agent: AgentPrincipal | null;
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  access: Access;
  feature?: FeatureName | undefined;
  websocket: boolean;
  apiKeys: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface GuardOptions {
  sessions: SessionService;
  apiKeys: ApiKeysService;
  features: Features;
  publicUrl: string | undefined;
  secureCookies: boolean;
  /** Checks an agent route's `Authorization: Bearer` header; throws the refusal. */
  authenticateAgent(authorization: string | undefined): Promise<AgentPrincipal>;
  /** Two-factor required but not on: the session reaches only enrolment routes (403 otherwise). */
  enrolmentGate?: EnrolmentGate;
}

export function requestMeta(request: FastifyRequest): RequestMeta {
  return { ip: request.ip, userAgent: String(request.headers['user-agent'] ?? '') };
}

export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  maxAgeMs: number,
  secure: boolean,
): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: '/',
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): void {
  void reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure, path: '/' });
}

/**
 * Every route must declare its access (a route without one stops the start), and every request to a
 * route is checked here: the session row is looked up on each call, so revocation is immediate.
 * Returns the list of registered routes so a test can walk them.
 */
export function installGuard(app: FastifyInstance, options: GuardOptions): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  app.decorateRequest('auth', null);
  app.decorateRequest('agent', null);

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (!access) throw new Error(`Route ${methods.join(',')} ${route.url} declares no access rule`);
    for (const method of methods) {
      routes.push({
        method,
        url: route.url,
        access,
        feature: route.config?.feature,
        websocket: Boolean(route.websocket),
        apiKeys: route.config?.apiKeys === true,
      });
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    const config = request.routeOptions.config;
    if (!config.access) return; // unmatched URL: the not-found handler answers
    if (config.access === 'agent') {
      // Agents carry no session and no Origin; the token is checked here, before the body is read.
      request.agent = await options.authenticateAgent(request.headers.authorization);
      return;
    }
    // A user/admin request presenting `Bearer ank_…` is an API-key call, never a cookie one.
    const viaKey =
      (config.access === 'user' || config.access === 'admin') &&
      presentsApiKey(request.headers.authorization);
    if (viaKey) {
      await authenticateApiKeyRequest(request, options.apiKeys, config.apiKeys === true);
    } else {
      const token = request.cookies[SESSION_COOKIE];
      request.auth = token ? await options.sessions.authenticate(token) : null;
      if (token && !request.auth) clearSessionCookie(reply, options.secureCookies);
    }

    const refusal = accessRefusal(
      { access: config.access, feature: config.feature },
      request.auth,
      options.features,
    );
    if (refusal?.status === 401) throw refusal;
    // A page on another origin cannot attach an Authorization header (that needs a CORS preflight,
    // which this server never grants), so key calls are not cross-site writes; see docs/SECURITY.md.
    const crossSiteWrite = !SAFE_METHODS.has(request.method) && request.headers.origin !== undefined;
    const checkOrigin = !viaKey && (config.requireOrigin || crossSiteWrite);
    if (checkOrigin && !isAllowedOrigin(request, options.publicUrl)) {
      throw new AppError(403, 'origin_forbidden', 'This request came from a page on another origin.');
    }
    if (refusal) throw refusal;
    if (request.auth && config.access !== 'public' && options.enrolmentGate) {
      const blocked = await options.enrolmentGate(
        request.auth,
        request.method,
        request.routeOptions.url ?? '',
      );
      if (blocked) throw blocked;
    }
  });

  return routes;
}
