import type { FastifyServerOptions } from 'fastify';
import { ApiKeysRepo } from './auth/api-keys/api-keys.repo';
import { ApiKeysService } from './auth/api-keys/api-keys.service';
import { AuthService } from './auth/auth.service';
import { LoginAuditRepo } from './auth/login-audit.repo';
import { LoginAuditService } from './auth/login-audit.service';
import { defaultLoginLimits, LoginRateLimiter, type LoginLimits } from './auth/login-rate-limiter';
import { LoginLimitsRepo } from './auth/login-limits.repo';
import { SharedLoginRateLimiter } from './auth/shared-login-rate-limiter';
import { argon2Verifier, type PasswordVerifier } from './auth/passwords';
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
import { ACCOUNT_LOCK_KEY, AdvisoryMutex } from './db/advisory-mutex';
import { loadInstanceKey } from './crypto/key-file';
import { SecretBox } from './crypto/secret-box';
import { CredentialsRepo } from './modules/credentials/credentials.repo';
import { CredentialsService } from './modules/credentials/credentials.service';
import { ConnectionTester } from './modules/hosts/connection-tester';
import { HostImportService } from './modules/hosts/host-import.service';
import { HostKeyService } from './modules/hosts/host-key.service';
import { HostsRepo } from './modules/hosts/hosts.repo';
import { HostsService } from './modules/hosts/hosts.service';
import { HostAccessRepo } from './modules/hosts/host-access.repo';
import { HostLoginService } from './modules/hosts/host-login.service';
import { KnownHostKeysRepo } from './modules/hosts/known-host-keys.repo';
import { SshShellOpener } from './modules/terminal/ssh-shell-opener';
import { TerminalAuditRepo } from './modules/terminal/terminal-audit.repo';
import { TerminalService } from './modules/terminal/terminal.service';
import { ContainerSources } from './modules/containers/container-sources';
import { ContainersService } from './modules/containers/containers.service';
import { AllContainersService } from './modules/containers/all-containers.service';
import { ContainerStatsCache } from './modules/containers/container-stats-cache';
import { DockerHostsRepo } from './modules/containers/docker-hosts.repo';
import { DockerHostsService } from './modules/containers/docker-hosts.service';
import { DockerObjectsService } from './modules/docker-objects/docker-objects.service';
import { PullAgentEnrolmentsRepo } from './modules/pull-agents/pull-agent-enrolments.repo';
import { PullAgentEnrolmentsService } from './modules/pull-agents/pull-agent-enrolments.service';
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
import { ReachabilityService } from './modules/reachability/reachability.service';
import { wireReachability } from './modules/reachability/wire-reachability';
import { HomeService } from './modules/home/home.service';
import { RecentHostsRepo } from './modules/home/recent-hosts.repo';
import { SourceCounts } from './modules/home/source-counts';
import { AgentHostsProvider } from './modules/infrastructure/providers/agent-hosts.provider';
import type { CodeAttemptLimits } from './auth/two-factor/code-attempt-limiter';
import { createTwoFactorModule } from './auth/two-factor/two-factor.module';
import type { TwoFactorLoginService } from './auth/two-factor/two-factor-login.service';
import type { TwoFactorService } from './auth/two-factor/two-factor.service';
import { HostVisibility } from './modules/infrastructure/host-visibility';
import { createSsoServices, type SsoServices } from './auth/sso/sso.module';
import { GuestActionsService, defaultFollowTiming } from './modules/guest-actions/guest-actions.service';
import type { FollowTiming } from './modules/guest-actions/task-follower';
import { GuestConsoles } from './modules/guest-actions/guest-consoles';
import type { AlertsService } from './modules/alerts/alerts.service';
import { createAlerts } from './modules/alerts/create-alerts';
import type { DeliveryOptions } from './modules/alerts/delivery-queue';
import { BackupScheduleRepo } from './modules/backups/backup-schedule.repo';
import { BackupsService } from './modules/backups/backups.service';

export interface AppDeps {
  config: Config;
  database: Database;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  loginLimits?: LoginLimits;
  /** Defaults to argon2id; tests hand in one that counts verifications. */
  passwordVerifier?: PasswordVerifier;
  /** Defaults to the instance key (ARCHNEST_SECRET_KEY or the data dir's key file). */
  secretBox?: SecretBox;
  /** Where `agent/` (the agent and its installer, served to hosts) lives; defaults to the repo's. */
  agentDir?: string;
  /** Defaults to real SSH; tests may hand in another opener. */
  shellOpener?: ShellOpener;
  /** Two-factor code attempts per pending login and per user (tests lower them). */
  codeAttemptLimits?: CodeAttemptLimits;
  /** How hypervisor tasks are followed; tests shorten the poll period. */
  guestTaskTiming?: Partial<FollowTiming>;
  /** Alert delivery retries and concurrency; tests shorten the backoff. */
  alertDelivery?: Partial<DeliveryOptions>;
  /** How often the backup scheduler checks whether a run is due (tests call its tick instead). */
  backupCheckMs?: number;
}

export interface Services {
  auth: AuthService;
  loginAudit: LoginAuditService;
  sessions: SessionService;
  users: UsersService;
  preferences: PreferencesService;
  audit: AuditService;
  events: SessionEvents;
  features: Features;
  credentials: CredentialsService;
  hosts: HostsService;
  hostLogins: HostLoginService;
  hostKeys: HostKeyService;
  importer: HostImportService;
  tester: ConnectionTester;
  terminals: TerminalService;
  dockerHosts: DockerHostsService;
  pullAgentEnrolments: PullAgentEnrolmentsService;
  containerSources: ContainerSources;
  containers: ContainersService;
  allContainers: AllContainersService;
  dockerObjects: DockerObjectsService;
  agentTokens: AgentTokensService;
  agentReports: AgentReportsService;
  integrations: IntegrationsService;
  infrastructure: InfrastructureService;
  apiKeys: ApiKeysService;
  twoFactor: TwoFactorService;
  twoFactorLogin: TwoFactorLoginService;
  hostVisibility: HostVisibility;
  sso: SsoServices;
  guestActions: GuestActionsService;
  alerts: AlertsService;
  reachability: ReachabilityService;
  home: HomeService;
  backups: BackupsService;
}

/** Wires repositories, services and routes; owns no process state, so tests build as many as they like. */
export function createServices(deps: AppDeps): Services {
  const clock = deps.clock ?? systemClock;
  const db = deps.database.db;
  const events = new SessionEvents();
  // Seat cap and last-admin rule: one change at a time, across replicas on PostgreSQL.
  const accountLock =
    deps.database.dialect === 'postgres' ? new AdvisoryMutex(db, ACCOUNT_LOCK_KEY) : new Mutex();
  const audit = new AuditService(new AuditRepo(db), clock);
  const sessions = new SessionService(new SessionsRepo(db), events, clock, {
    idleMs: deps.config.sessionIdleMs,
    maxMs: deps.config.sessionMaxMs,
  });
  const usersRepo = new UsersRepo(db);
  // On PostgreSQL the counters live in the database, so the limits hold across replicas.
  const limiter =
    deps.database.dialect === 'postgres'
      ? new SharedLoginRateLimiter(new LoginLimitsRepo(db), clock, deps.loginLimits ?? defaultLoginLimits)
      : new LoginRateLimiter(clock, deps.loginLimits ?? defaultLoginLimits);
  const loginAudit = new LoginAuditService(new LoginAuditRepo(db), clock, {
    maxAgeMs: deps.config.loginAuditMaxAgeMs,
    maxRows: deps.config.loginAuditMaxRows,
  });
  const box =
    deps.secretBox ?? new SecretBox(loadInstanceKey(deps.config.secretKey, deps.config.dataDir).key);
  const features = createFeatures(deps.config.edition);
  const credentials = new CredentialsService(new CredentialsRepo(db), box, audit, clock);
  const hostsRepo = new HostsRepo(db);
  const hostKeys = new HostKeyService(new KnownHostKeysRepo(db), audit, clock);
  const hostAccess = new HostAccessRepo(db);
  const hosts = new HostsService(
    hostsRepo,
    new KnownHostKeysRepo(db),
    credentials,
    box,
    audit,
    clock,
    hostAccess,
  );
  const hostLogins = new HostLoginService(hosts, hostAccess, box, audit, clock);
  const opener =
    deps.shellOpener ??
    new SshShellOpener(hostKeys, { readyTimeoutMs: 15_000, keepaliveIntervalMs: deps.config.sshKeepaliveMs });
  const terminals = new TerminalService(
    hosts,
    hostLogins,
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
    openExec: async (dockerHostId, ref, cols, rows, shell) => {
      const { row } = await sources.forHost(dockerHostId);
      return {
        shell: await containers.exec(dockerHostId, ref, cols, rows, shell),
        hostName: `${row.name}/${ref}`,
        address: row.endpoint ?? row.name,
      };
    },
  });
  const agentReports = new AgentReportsService(new AgentReportsRepo(db), audit, clock);
  const containerStats = new ContainerStatsCache();
  dockerHosts.onChange((id) => containerStats.forget(id));
  const allContainers = new AllContainersService(
    dockerHosts,
    sources,
    agentReports,
    containerStats,
    clock,
    deps.config.dockerTimeoutMs + 2_000,
  );
  const integrations = new IntegrationsService(new IntegrationsRepo(db), box, audit, clock);
  terminals.useGuestConsoles(new GuestConsoles(integrations));
  const reachability = new ReachabilityService(hosts, clock, deps.config.sshReachability);
  const infrastructure = new InfrastructureService(
    [
      new IntegrationSourcesProvider(integrations),
      new DockerSourcesProvider(dockerHosts, sources, deps.config.dockerTimeoutMs, containerStats),
      new AgentHostsProvider(agentReports),
      new SshHostsProvider(hosts, reachability),
    ],
    clock,
  );
  const twoFactor = createTwoFactorModule({
    db,
    box,
    sessions,
    audit,
    clock,
    limits: deps.codeAttemptLimits,
  });
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
  // SSH reachability and Home (docs/home.md): fed by the checks and the poll outcomes, no polling of their own.
  wireReachability({ reachability, hosts, infrastructure, events });
  const counts = new SourceCounts();
  infrastructure.onPoll((outcome) => counts.observe(outcome));
  infrastructure.onSourceRemoved((sourceId) => counts.forget(sourceId));
  const hostVisibility = new HostVisibility(hosts, dockerHosts);
  containers.onAction((hostId, ref, action) => {
    if (action === 'stop' || action === 'pause' || action === 'remove')
      alerts.engine.recordUserStop(`docker:${hostId}`, ref);
  });
  return {
    auth: new AuthService(
      usersRepo,
      sessions,
      loginAudit,
      audit,
      limiter,
      accountLock,
      clock,
      deps.passwordVerifier ?? argon2Verifier,
      twoFactor.twoFactorLogin,
    ),
    loginAudit,
    sessions,
    users: new UsersService(usersRepo, sessions, audit, accountLock, clock),
    preferences: new PreferencesService(new PreferencesRepo(db), events, clock),
    audit,
    events,
    features,
    credentials,
    hosts,
    hostLogins,
    hostKeys,
    importer: new HostImportService(hosts, hostsRepo),
    tester: new ConnectionTester(hostLogins, hostKeys, deps.config.sshTestsPerUser),
    terminals,
    dockerHosts,
    pullAgentEnrolments: new PullAgentEnrolmentsService(
      new PullAgentEnrolmentsRepo(db),
      dockerHosts,
      box,
      audit,
      clock,
    ),
    containerSources: sources,
    containers,
    allContainers,
    dockerObjects: new DockerObjectsService(sources, audit),
    agentTokens: new AgentTokensService(new AgentTokensRepo(db), audit, clock, deps.config.agentToken),
    agentReports,
    integrations,
    infrastructure,
    apiKeys: new ApiKeysService(new ApiKeysRepo(db), audit, clock),
    ...twoFactor,
    hostVisibility,
    sso: createSsoServices({
      db,
      env: deps.config.oidc,
      box,
      audit,
      clock,
      sessions,
      users: usersRepo,
      accountLock,
    }),
    guestActions: new GuestActionsService(integrations, infrastructure, audit, clock, {
      ...defaultFollowTiming,
      ...deps.guestTaskTiming,
    }),
    alerts,
    reachability,
    home: new HomeService({
      hosts,
      dockerHosts,
      integrations,
      agentReports,
      infrastructure,
      visibility: hostVisibility,
      reachability,
      terminals,
      recent: new RecentHostsRepo(db),
      counts,
      clock,
    }),
    backups: new BackupsService(new BackupScheduleRepo(db), deps.database, audit, clock, {
      dataDir: deps.config.dataDir,
      configuredKey: deps.config.secretKey,
    }),
  };
}
