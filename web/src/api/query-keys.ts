/** Query keys in one place so invalidations and cache writes can't drift from the reads. */
export const queryKeys = {
  authStatus: ['auth', 'status'] as const,
  preferences: ['preferences'] as const,
  features: ['features'] as const,
  sessions: ['auth', 'sessions'] as const,
  ownLoginAudit: ['auth', 'login-audit'] as const,
  apiKeys: ['api-keys'] as const,
  ownApiKeys: ['api-keys', 'own'] as const,
  allApiKeys: ['api-keys', 'all'] as const,
  twoFactor: ['auth', 'two-factor'] as const,
  twoFactorPolicy: ['admin', 'two-factor'] as const,
  users: ['users'] as const,
  hosts: ['hosts'] as const,
  /** SSH port checks and Home, both kept live by `/api/events`. */
  hostReachability: ['hosts', 'reachability'] as const,
  home: ['home'] as const,
  credentials: ['credentials'] as const,
  knownHostKeys: ['known-host-keys'] as const,
  adminAudit: ['admin', 'audit'] as const,
  adminLoginAudit: ['admin', 'login-audit'] as const,
  terminalAudit: ['admin', 'terminal-sessions'] as const,
  /** The user's own live terminal sessions (`GET /api/terminal/sessions`). */
  liveTerminalSessions: ['terminal', 'sessions'] as const,
  dockerHosts: ['docker', 'hosts'] as const,
  /** The all-hosts Containers table, per filter. */
  allContainers: ['docker', 'all'] as const,
  integrations: ['integrations'] as const,
  /** Recent power-action tasks of one integration (updated live from `/api/events`). */
  guestTasks: (integrationId: string) => ['integrations', integrationId, 'tasks'] as const,
  /** The overview and every tile read from it, so one invalidation refreshes the whole page. */
  infrastructure: ['infrastructure'] as const,
  infrastructureOverview: ['infrastructure', 'overview'] as const,
  /** `version` is the source's last successful poll: a tile's members change only when it polls. */
  infrastructureTile: (tileId: string, version: string | null) =>
    ['infrastructure', 'tile', tileId, version] as const,
  /** Every member of one source (its own tab, pro), re-read when the source polls. */
  infrastructureSource: (sourceId: string, version: string | null) =>
    ['infrastructure', 'source', sourceId, version] as const,
  /** Everything read from one Docker host: its containers, their details, stats and logs. */
  dockerHost: (hostId: string) => ['docker', 'host', hostId] as const,
  containers: (hostId: string, all: boolean) => ['docker', 'host', hostId, 'containers', all] as const,
  container: (hostId: string, ref: string) => ['docker', 'host', hostId, 'container', ref] as const,
  containerStats: (hostId: string, ref: string) =>
    ['docker', 'host', hostId, 'container', ref, 'stats'] as const,
  /** Everything alert-related, so a live alert event refreshes the bell, lists and history at once. */
  alerts: ['alerts'] as const,
  alertRules: ['alerts', 'rules'] as const,
  alertChannels: ['alerts', 'channels'] as const,
  alertDeliveries: (channelId: string) => ['alerts', 'channels', channelId, 'deliveries'] as const,
  alertInbox: ['alerts', 'inbox'] as const,
  alertActive: ['alerts', 'active'] as const,
  alertHistory: (filters: object) => ['alerts', 'history', filters] as const,
  alertSubscriptions: ['alerts', 'subscriptions'] as const,
  agentHosts: ['agents', 'hosts'] as const,
  agentTokens: ['agents', 'tokens'] as const,
  agentHost: (label: string) => ['agents', 'host', label] as const,
  agentContainer: (label: string, ref: string) => ['agents', 'host', label, 'container', ref] as const,
  containerLogs: (hostId: string, ref: string, timestamps: boolean) =>
    ['docker', 'host', hostId, 'container', ref, 'logs', timestamps] as const,
};
