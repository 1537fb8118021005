import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import fastifyWebsocket from '@fastify/websocket';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { authRoutes } from './auth/auth.routes';
import { registerErrorHandler } from './http/error-handler';
import { installGuard, type RegisteredRoute } from './http/guard';
import { registerWebApp } from './http/web-app';
import { auditRoutes } from './modules/audit/audit.routes';
import { credentialsRoutes } from './modules/credentials/credentials.routes';
import { hostsRoutes } from './modules/hosts/hosts.routes';
import { preferencesRoutes } from './modules/preferences/preferences.routes';
import { eventsRoutes } from './modules/system/events.routes';
import { systemRoutes } from './modules/system/system.routes';
import { terminalRoutes } from './modules/terminal/terminal.routes';
import { usersRoutes } from './modules/users/users.routes';
import { containersRoutes } from './modules/containers/containers.routes';
import { agentsRoutes } from './modules/agents/agents.routes';
import { agentScriptRoutes } from './modules/agents/agent-script.routes';
import { infrastructureRoutes } from './modules/infrastructure/infrastructure.routes';
import { integrationsRoutes } from './modules/integrations/integrations.routes';
import { alertsRoutes } from './modules/alerts/alerts.routes';
import { createServices, type AppDeps, type Services } from './services';

export type { AppDeps, Services } from './services';

export interface BuiltApp {
  app: FastifyInstance;
  routes: RegisteredRoute[];
  services: Services;
}

const BODY_LIMIT_BYTES = 256 * 1024;
const SESSION_SWEEP_MS = 60 * 60_000;

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
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'archnest_session' },
          agentToken: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });

  const routes = installGuard(app, {
    sessions: services.sessions,
    features: services.features,
    publicUrl: config.publicUrl,
    secureCookies,
    authenticateAgent: (authorization) => services.agentTokens.authenticate(authorization),
  });

  systemRoutes(app, services.features);
  authRoutes(app, { auth: services.auth, sessionMaxMs: config.sessionMaxMs, secureCookies });
  usersRoutes(app, services.users);
  preferencesRoutes(app, services.preferences);
  auditRoutes(app, services.audit);
  eventsRoutes(app, services.events, services.sessions);
  credentialsRoutes(app, services.credentials);
  hostsRoutes(app, services);
  terminalRoutes(app, services.terminals, services.audit);
  containersRoutes(app, services.dockerHosts, services.containers);
  agentsRoutes(app, services.agentReports, services.agentTokens);
  agentScriptRoutes(app, deps.agentDir);
  integrationsRoutes(app, services.integrations);
  infrastructureRoutes(app, services.infrastructure);
  alertsRoutes(app, services.alerts);
  await registerWebApp(app, config.webDir);

  const sweep = setInterval(() => {
    services.sessions.sweepExpired().catch((err: unknown) => app.log.warn({ err }, 'session sweep failed'));
  }, SESSION_SWEEP_MS);
  sweep.unref();
  app.addHook('onClose', () => {
    clearInterval(sweep);
    services.terminals.shutdown();
    services.infrastructure.stop();
    services.alerts.stop();
    services.containerSources.closeAll();
  });
  await services.terminals.startUp();
  services.alerts.useLog({ warn: (detail, message) => app.log.warn(detail, message) });
  await services.alerts.start();
  await services.infrastructure.start({
    warn: (detail, message) => app.log.warn(detail, message),
  });

  await app.ready();
  return { app, routes, services };
}
