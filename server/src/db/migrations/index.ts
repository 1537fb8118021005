import type { Kysely } from 'kysely';
import type { Dialect } from '../database';
import * as accounts from './0001-accounts';
import * as hosts from './0002-hosts';
import * as dockerHosts from './0003-docker-hosts';
import * as agents from './0004-agents';
import * as integrations from './0005-integrations';
import * as loginAuditFold from './0006-login-audit-fold';
import * as apiKeys from './0008-api-keys';
import * as twoFactor from './0007-two-factor';
import * as hostAccess from './0009-host-access';
import * as sso from './0010-sso';
import * as alerts from './0011-alerts';
import * as loginLimits from './0018-login-limits';
import * as pullAgents from './0019-pull-agents';
import * as backupSchedule from './0020-backup-schedule';
import * as sourceSnapshots from './0021-source-snapshots';

export interface MigrationModule {
  up(db: Kysely<unknown>, dialect: Dialect): Promise<void>;
}

/** Ordered by name; a migration, once released, is never edited — add a new one instead. */
export const migrations: Record<string, MigrationModule> = {
  '0001-accounts': accounts,
  '0002-hosts': hosts,
  '0003-docker-hosts': dockerHosts,
  '0004-agents': agents,
  '0005-integrations': integrations,
  '0006-login-audit-fold': loginAuditFold,
  '0008-api-keys': apiKeys,
  '0007-two-factor': twoFactor,
  '0009-host-access': hostAccess,
  '0010-sso': sso,
  '0011-alerts': alerts,
  '0018-login-limits': loginLimits,
  '0019-pull-agents': pullAgents,
  '0020-backup-schedule': backupSchedule,
  '0021-source-snapshots': sourceSnapshots,
};
