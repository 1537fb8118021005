import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import fastifyWebsocket from '@fastify/websocket';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { authRoutes } from './auth/auth.routes';
import { AuthService } from './auth/auth.service';
import { LoginAuditRepo } from './auth/login-audit.repo';
import { defaultLoginLimits, LoginRateLimiter, type RateLimitRule } from './auth/login-rate-limiter';
import { SessionEvents } from './auth/session-events';
import { SessionService } from './auth/session.service';
import { SessionsRepo } from './auth/sessions.repo';
import { systemClock, type Clock } from './clock';
import type { Config } from './config';
import type { Database } from './db/database';
import { createFeatures, type Features } from './features';
import { registerErrorHandler } from './http/error-handler';
import { installGuard, type RegisteredRoute } from './http/guard';
import { registerWebApp } from './http/web-app';
import { AuditRepo } from './modules/audit/audit.repo';
import { auditRoutes } from './modules/audit/audit.routes';
import { AuditService } from './modules/audit/audit.service';
import { PreferencesRepo } from './modules/preferences/preferences.repo';
import { preferencesRoutes } from './modules/preferences/preferences.routes';
import { PreferencesService } from './modules/preferences/preferences.service';
import { eventsRoutes } from './modules/system/events.routes';
import { systemRoutes } from './modules/system/system.routes';
import { UsersRepo } from './modules/users/users.repo';
import { usersRoutes } from './modules/users/users.routes';
import { UsersService } from './modules/users/users.service';
import { Mutex } from './util/mutex';

export interface AppDeps {
  config: Config;
  database: Database;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  loginLimits?: { perIp: RateLimitRule; perUsername: RateLimitRule };
}

export interface Services {
  auth: AuthService;
  sessions: SessionService;
  users: UsersService;
  preferences: PreferencesService;
  audit: AuditService;
  events: SessionEvents;
  features: Features;
}

export interface BuiltApp {
  app: FastifyInstance;
  routes: RegisteredRoute[];
  services: Services;
}

const BODY_LIMIT_BYTES = 256 * 1024;
const SESSION_SWEEP_MS = 60 * 60_000;

/** Wires repositories, services and routes; owns no process state, so tests build as many as they like. */
export function createServices(deps: AppDeps): Services {
  const clock = deps.clock ?? systemClock;
  const db = deps.database.db;
  const events = new SessionEvents();
  const accountLock = new Mutex();
  const audit = new AuditService(new AuditRepo(db), clock);
  const sessions = new SessionService(new SessionsRepo(db), events, clock, {
    idleMs: deps.config.sessionIdleMs,
    maxMs: deps.config.sessionMaxMs,
  });
  const usersRepo = new UsersRepo(db);
  const limiter = new LoginRateLimiter(clock, deps.loginLimits ?? defaultLoginLimits);
  return {
    auth: new AuthService(usersRepo, sessions, new LoginAuditRepo(db), audit, limiter, accountLock, clock),
    sessions,
    users: new UsersService(usersRepo, sessions, audit, accountLock, clock),
    preferences: new PreferencesService(new PreferencesRepo(db), events, clock),
    audit,
    events,
    features: createFeatures(deps.config.edition),
  };
}

export async function buildApp(deps: AppDeps): Promise<BuiltApp> {
  const { config } = deps;
  const services = createServices(deps);
  const secureCookies = config.publicUrl?.startsWith('https:') ?? false;

  const app = Fastify({
    logger: deps.logger ?? false,
    trustProxy: config.trustProxy,
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: secureCookies,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyWebsocket, { options: { maxPayload: 1024 * 1024 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'ArchNest API', version: '0.1.0' },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'archnest_session' } },
      },
    },
    transform: jsonSchemaTransform,
  });

  const routes = installGuard(app, {
    sessions: services.sessions,
    features: services.features,
    publicUrl: config.publicUrl,
    secureCookies,
  });

  systemRoutes(app, services.features);
  authRoutes(app, { auth: services.auth, sessionMaxMs: config.sessionMaxMs, secureCookies });
  usersRoutes(app, services.users);
  preferencesRoutes(app, services.preferences);
  auditRoutes(app, services.audit);
  eventsRoutes(app, services.events, services.sessions);
  await registerWebApp(app, config.webDir);

  const sweep = setInterval(() => {
    services.sessions.sweepExpired().catch((err: unknown) => app.log.warn({ err }, 'session sweep failed'));
  }, SESSION_SWEEP_MS);
  sweep.unref();
  app.addHook('onClose', () => clearInterval(sweep));

  await app.ready();
  return { app, routes, services };
}
