import type { Kysely } from 'kysely';
import type { Dialect } from '../database';
import * as accounts from './0001-accounts';
import * as hosts from './0002-hosts';
import * as dockerHosts from './0003-docker-hosts';
import * as agents from './0004-agents';
import * as integrations from './0005-integrations';
import * as alerts from './0011-alerts';

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
  '0011-alerts': alerts,
};
