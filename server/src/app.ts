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
import { loadInstanceKey } from './crypto/key-file';
import { SecretBox } from './crypto/secret-box';
import { CredentialsRepo } from './modules/credentials/credentials.repo';
import { credentialsRoutes } from './modules/credentials/credentials.routes';
import { CredentialsService } from './modules/credentials/credentials.service';
import { ConnectionTester } from './modules/hosts/connection-tester';
import { HostImportService } from './modules/hosts/host-import.service';
import { HostKeyService } from './modules/hosts/host-key.service';
import { HostsRepo } from './modules/hosts/hosts.repo';
import { hostsRoutes } from './modules/hosts/hosts.routes';
import { HostsService } from './modules/hosts/hosts.service';
import { KnownHostKeysRepo } from './modules/hosts/known-host-keys.repo';
import { SshShellOpener } from './modules/terminal/ssh-shell-opener';
import { TerminalAuditRepo } from './modules/terminal/terminal-audit.repo';
import { terminalRoutes } from './modules/terminal/terminal.routes';
import { TerminalService } from './modules/terminal/terminal.service';
import type { ShellOpener } from './modules/terminal/shell-opener';

export interface AppDeps {
  config: Config;
  database: Database;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  loginLimits?: { perIp: RateLimitRule; perUsername: RateLimitRule };
  /** Defaults to the instance key (ARCHNEST_SECRET_KEY or the data dir's key file). */
  secretBox?: SecretBox;
  /** Defaults to real SSH; tests may hand in another opener. */
  shellOpener?: ShellOpener;
}

export interface Services {
  auth: AuthService;
  sessions: SessionService;
  users: UsersService;
  preferences: PreferencesService;
  audit: AuditService;
  events: SessionEvents;
  features: Features;
  credentials: CredentialsService;
  hosts: HostsService;
  hostKeys: HostKeyService;
  importer: HostImportService;
  tester: ConnectionTester;
  terminals: TerminalService;
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
  const box =
    deps.secretBox ?? new SecretBox(loadInstanceKey(deps.config.secretKey, deps.config.dataDir).key);
  const features = createFeatures(deps.config.edition);
  const credentials = new CredentialsService(new CredentialsRepo(db), box, audit, clock);
  const hostsRepo = new HostsRepo(db);
  const hostKeys = new HostKeyService(new KnownHostKeysRepo(db), audit, clock);
  const hosts = new HostsService(hostsRepo, new KnownHostKeysRepo(db), credentials, box, audit, clock);
  const opener =
    deps.shellOpener ??
    new SshShellOpener(hostKeys, { readyTimeoutMs: 15_000, keepaliveIntervalMs: deps.config.sshKeepaliveMs });
  const terminals = new TerminalService(
    hosts,
    hostKeys,
    opener,
    new TerminalAuditRepo(db),
    features,
    clock,
    { graceMs: deps.config.terminalGraceMs, idleMs: deps.config.terminalIdleMs, replayBytes: 256 * 1024 },
    events,
  );
  return {
    auth: new AuthService(usersRepo, sessions, new LoginAuditRepo(db), audit, limiter, accountLock, clock),
    sessions,
    users: new UsersService(usersRepo, sessions, audit, accountLock, clock),
    preferences: new PreferencesService(new PreferencesRepo(db), events, clock),
    audit,
    events,
    features,
    credentials,
    hosts,
    hostKeys,
    importer: new HostImportService(hosts, hostsRepo),
    tester: new ConnectionTester(hosts, hostKeys),
    terminals,
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
  credentialsRoutes(app, services.credentials);
  hostsRoutes(app, services);
  terminalRoutes(app, services.terminals);
  await registerWebApp(app, config.webDir);

  const sweep = setInterval(() => {
    services.sessions.sweepExpired().catch((err: unknown) => app.log.warn({ err }, 'session sweep failed'));
  }, SESSION_SWEEP_MS);
  sweep.unref();
  app.addHook('onClose', () => {
    clearInterval(sweep);
    services.terminals.shutdown();
  });
  await services.terminals.startUp();

  await app.ready();
  return { app, routes, services };
}
