import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import fastifyWebsocket from '@fastify/websocket';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { registerApiKeyAudit } from './auth/api-keys/api-key-guard';
import { apiKeysRoutes } from './auth/api-keys/api-keys.routes';
import { authRoutes } from './auth/auth.routes';
import { registerCompression } from './http/compression';
import { registerErrorHandler } from './http/error-handler';
import { frameworkErrors, registerRequestHygiene } from './http/request-hygiene';
import { installGuard, type RegisteredRoute } from './http/guard';
import { annotateAccess, securitySchemes } from './http/openapi-access';
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
import { dockerObjectsRoutes } from './modules/docker-objects/docker-objects.routes';
import { agentsRoutes } from './modules/agents/agents.routes';
import { agentScriptRoutes } from './modules/agents/agent-script.routes';
import { pullAgentFilesRoutes } from './modules/pull-agents/pull-agent-files.routes';
import { pullAgentsRoutes } from './modules/pull-agents/pull-agents.routes';
import { infrastructureRoutes } from './modules/infrastructure/infrastructure.routes';
import { integrationsRoutes } from './modules/integrations/integrations.routes';
import { ssoRoutes } from './auth/sso/sso.routes';
import { guestActionsRoutes } from './modules/guest-actions/guest-actions.routes';
import { alertsRoutes } from './modules/alerts/alerts.routes';
import { homeRoutes } from './modules/home/home.routes';
import { backupsRoutes } from './modules/backups/backups.routes';
import { BackupScheduler } from './modules/backups/backup-scheduler';
import { createServices, type AppDeps, type Services } from './services';
import { createEnrolmentGate } from './auth/two-factor/enrolment-gate';
import { twoFactorRoutes } from './auth/two-factor/two-factor.routes';
import { createMetrics } from './metrics/app-metrics';
import { metricsRoutes } from './metrics/metrics.routes';
import { ARCHNEST_VERSION } from './version';
import { startReplication } from './cluster/replication';

export type { AppDeps, Services } from './services';

export interface BuiltApp {
  app: FastifyInstance;
  routes: RegisteredRoute[];
  services: Services;
  backupScheduler: BackupScheduler;
}

const BODY_LIMIT_BYTES = 256 * 1024;

export async function buildApp(deps: AppDeps): Promise<BuiltApp> {
  const { config } = deps;
  const services = createServices(deps);
  const secureCookies = config.publicUrl?.startsWith('https:') ?? false;

  const app = Fastify({
    logger: deps.logger ?? false,
    // A hop count trusts that many addresses counted from our socket; the client is the next one.
    trustProxy:
      typeof config.trustProxy === 'number'
        ? (_address: string, hop: number) => hop < (config.trustProxy as number)
        : config.trustProxy,
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { ignoreTrailingSlash: true },
    frameworkErrors,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerRequestHygiene(app);

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
  await registerCompression(app);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'ArchNest API', version: ARCHNEST_VERSION },
      components: { securitySchemes },
    },
    transform: jsonSchemaTransform,
  });

  app.addHook('onRoute', annotateAccess);
  const routes = installGuard(app, {
    sessions: services.sessions,
    apiKeys: services.apiKeys,
    features: services.features,
    publicUrl: config.publicUrl,
    secureCookies,
    authenticateAgent: (authorization) => services.agentTokens.authenticate(authorization),
    enrolmentGate: createEnrolmentGate(services.twoFactor),
  });

  const metrics = createMetrics(config.metrics.enabled, services.terminals);
  metricsRoutes(app, metrics, config.metrics.token); // first: its hooks time every route after it
  systemRoutes(app, services.features);
  authRoutes(app, {
    auth: services.auth,
    sessionMaxMs: config.sessionMaxMs,
    secureCookies,
    enrolmentRequired: (user) => services.twoFactor.enrolmentRequired(user),
    // Community never offers the button, whatever the settings say.
    ssoStatus: () =>
      services.features.isEnabled('sso') ? services.sso.login.status() : Promise.resolve(null),
  });
  twoFactorRoutes(app, { ...services, sessionMaxMs: config.sessionMaxMs, secureCookies });
  ssoRoutes(app, {
    ...services.sso,
    publicUrl: config.publicUrl,
    secureCookies,
    sessionMaxMs: config.sessionMaxMs,
  });
  usersRoutes(app, services.users);
  preferencesRoutes(app, services.preferences);
  auditRoutes(app, services.audit);
  eventsRoutes(app, services.events, services.sessions, services.guestActions, async (viewer) =>
    viewer.role === 'admin' ? null : new Set((await services.hosts.listFor(viewer)).map((h) => h.id)),
  );
  credentialsRoutes(app, services.credentials);
  hostsRoutes(app, services);
  terminalRoutes(app, services.terminals, services.audit, services.events);
  containersRoutes(app, services.dockerHosts, services.containers, services.events, services.allContainers);
  dockerObjectsRoutes(app, services.dockerHosts, services.dockerObjects, services.events);
  agentsRoutes(app, services.agentReports, services.agentTokens);
  agentScriptRoutes(app, deps.agentDir);
  pullAgentFilesRoutes(app, deps.agentDir);
  pullAgentsRoutes(app, services.pullAgentEnrolments, config.publicUrl);
  integrationsRoutes(app, services.integrations);
  apiKeysRoutes(app, services.apiKeys);
  registerApiKeyAudit(app, services.apiKeys);
  infrastructureRoutes(app, services.infrastructure, services.hostVisibility);
  guestActionsRoutes(app, services.guestActions);
  alertsRoutes(app, services.alerts);
  homeRoutes(app, services.home, services.reachability);
  backupsRoutes(app, services.backups);
  registerWebApp(app, config.webDir);

  // Every replica runs the scheduler; the database lease lets one backup run at a time.
  const backupScheduler = new BackupScheduler(
    services.backups,
    { warn: (detail, message) => app.log.warn(detail, message) },
    deps.backupCheckMs,
  );
  backupScheduler.start();
  app.addHook('onClose', async () => {
    await backupScheduler.stop();
    await services.guestActions.stop();
    services.terminals.shutdown();
    services.infrastructure.stop();
    services.reachability.stop();
    await replication.stop();
    services.containerSources.closeAll();
  });
  await services.terminals.startUp();
  services.alerts.useLog({ warn: (detail, message) => app.log.warn(detail, message) });
  // Alerts, session expiry and retention: here, or on the leader of several replicas (PostgreSQL).
  const replication = await startReplication({
    services,
    databaseUrl: config.databaseUrl,
    log: app.log,
    db: deps.database.db,
  });
  await services.infrastructure.start({
    warn: (detail, message) => app.log.warn(detail, message),
    ...(metrics ? { polled: metrics.pollObserver } : {}),
  });
  services.reachability.start({ warn: (detail, message) => app.log.warn(detail, message) });

  await app.ready();
  return { app, routes, services, backupScheduler };
}
