/** Query keys in one place so invalidations and cache writes can't drift from the reads. */
export const queryKeys = {
  authStatus: ['auth', 'status'] as const,
  preferences: ['preferences'] as const,
  features: ['features'] as const,
  sessions: ['auth', 'sessions'] as const,
  ownLoginAudit: ['auth', 'login-audit'] as const,
  users: ['users'] as const,
  hosts: ['hosts'] as const,
  credentials: ['credentials'] as const,
  knownHostKeys: ['known-host-keys'] as const,
  adminAudit: ['admin', 'audit'] as const,
  adminLoginAudit: ['admin', 'login-audit'] as const,
  terminalAudit: ['admin', 'terminal-sessions'] as const,
};
