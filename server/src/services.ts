import type { FastifyServerOptions } from 'fastify';
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
import { AuditRepo } from './modules/audit/audit.repo';
import { AuditService } from './modules/audit/audit.service';
import { PreferencesRepo } from './modules/preferences/preferences.repo';
import { PreferencesService } from './modules/preferences/preferences.service';
import { UsersRepo } from './modules/users/users.repo';
import { UsersService } from './modules/users/users.service';
import { Mutex } from './util/mutex';
import { loadInstanceKey } from './crypto/key-file';
import { SecretBox } from './crypto/secret-box';
import { CredentialsRepo } from './modules/credentials/credentials.repo';
import { CredentialsService } from './modules/credentials/credentials.service';
import { ConnectionTester } from './modules/hosts/connection-tester';
import { HostImportService } from './modules/hosts/host-import.service';
import { HostKeyService } from './modules/hosts/host-key.service';
import { HostsRepo } from './modules/hosts/hosts.repo';
import { HostsService } from './modules/hosts/hosts.service';
import { KnownHostKeysRepo } from './modules/hosts/known-host-keys.repo';
import { SshShellOpener } from './modules/terminal/ssh-shell-opener';
import { TerminalAuditRepo } from './modules/terminal/terminal-audit.repo';
import { TerminalService } from './modules/terminal/terminal.service';
import { ContainerSources } from './modules/containers/container-sources';
import { ContainersService } from './modules/containers/containers.service';
import { DockerHostsRepo } from './modules/containers/docker-hosts.repo';
import { DockerHostsService } from './modules/containers/docker-hosts.service';
import type { ShellOpener } from './modules/terminal/shell-opener';
import { AgentReportsRepo } from './modules/agents/agent-reports.repo';
import { AgentReportsService } from './modules/agents/agent-reports.service';
import { AgentTokensRepo } from './modules/agents/agent-tokens.repo';
import { AgentTokensService } from './modules/agents/agent-tokens.service';
import { IntegrationsRepo } from './modules/integrations/integrations.repo';
import { IntegrationsService } from './modules/integrations/integrations.service';
import { InfrastructureService } from './modules/infrastructure/infrastructure.service';
import { DockerSourcesProvider } from './modules/infrastructure/providers/docker-sources.provider';
import { IntegrationSourcesProvider } from './modules/infrastructure/providers/integration-sources.provider';
import { SshHostsProvider } from './modules/infrastructure/providers/ssh-hosts.provider';
import { AgentHostsProvider } from './modules/infrastructure/providers/agent-hosts.provider';
import type { AlertsService } from './modules/alerts/alerts.service';
import { createAlerts } from './modules/alerts/create-alerts';
import type { DeliveryOptions } from './modules/alerts/delivery-queue';

export interface AppDeps {
  config: Config;
  database: Database;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  loginLimits?: { perIp: RateLimitRule; perUsername: RateLimitRule };
  /** Defaults to the instance key (ARCHNEST_SECRET_KEY or the data dir's key file). */
  secretBox?: SecretBox;
  /** Where `agent/` (the agent and its installer, served to hosts) lives; defaults to the repo's. */
  agentDir?: string;
  /** Defaults to real SSH; tests may hand in another opener. */
  shellOpener?: ShellOpener;
  /** Alert delivery retries and concurrency; tests shorten the backoff. */
  alertDelivery?: Partial<DeliveryOptions>;
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
  dockerHosts: DockerHostsService;
  containerSources: ContainerSources;
  containers: ContainersService;
  agentTokens: AgentTokensService;
  agentReports: AgentReportsService;
  integrations: IntegrationsService;
  infrastructure: InfrastructureService;
  alerts: AlertsService;
}

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
  const dockerHosts = new DockerHostsService(new DockerHostsRepo(db), hosts, box, audit, clock);
  const sources = new ContainerSources(dockerHosts, hosts, hostKeys, {
    callMs: deps.config.dockerTimeoutMs,
    connectMs: 10_000,
  });
  const containers = new ContainersService(sources, audit, clock);
  terminals.useContainerExec({
    openExec: async (dockerHostId, ref, cols, rows) => {
      const { row } = await sources.forHost(dockerHostId);
      return {
        shell: await containers.exec(dockerHostId, ref, cols, rows),
        hostName: `${row.name}/${ref}`,
        address: row.endpoint ?? row.name,
      };
    },
  });
  const agentReports = new AgentReportsService(new AgentReportsRepo(db), audit, clock);
  const integrations = new IntegrationsService(new IntegrationsRepo(db), box, audit, clock);
  const infrastructure = new InfrastructureService(
    [
      new IntegrationSourcesProvider(integrations),
      new DockerSourcesProvider(dockerHosts, sources, deps.config.dockerTimeoutMs),
      new AgentHostsProvider(agentReports),
      new SshHostsProvider(hosts),
    ],
    clock,
  );
  const alerts = createAlerts({
    db,
    box,
    audit,
    clock,
    events,
    ...(deps.alertDelivery ? { delivery: deps.alertDelivery } : {}),
  });
  infrastructure.onPoll((outcome) => alerts.engine.observe(outcome));
  infrastructure.onSourceRemoved((sourceId) => alerts.engine.forgetSource(sourceId));
  containers.onAction((hostId, ref, action) => {
    if (action === 'stop' || action === 'pause' || action === 'remove')
      alerts.engine.recordUserStop(`docker:${hostId}`, ref);
  });
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
    dockerHosts,
    containerSources: sources,
    containers,
    agentTokens: new AgentTokensService(new AgentTokensRepo(db), audit, clock, deps.config.agentToken),
    agentReports,
    integrations,
    infrastructure,
    alerts,
  };
}
