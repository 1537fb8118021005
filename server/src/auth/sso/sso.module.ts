import type { Kysely } from 'kysely';
import type { Clock } from '../../clock';
import type { SecretBox } from '../../crypto/secret-box';
import type { DatabaseSchema } from '../../db/schema';
import type { AuditService } from '../../modules/audit/audit.service';
import type { UsersRepo } from '../../modules/users/users.repo';
import type { Mutex } from '../../util/mutex';
import { LoginAuditRepo } from '../login-audit.repo';
import type { SessionService } from '../session.service';
import { OidcClients } from './oidc-client';
import { SsoAccounts } from './sso-accounts';
import type { OidcEnv } from './sso-env';
import { SsoLoginService } from './sso-login.service';
import { SsoSettingsRepo } from './sso-settings.repo';
import { SsoSettingsService } from './sso-settings.service';
import { SsoUsersService } from './sso-users.service';
import { SsoRepo } from './sso.repo';

export interface SsoServices {
  login: SsoLoginService;
  settings: SsoSettingsService;
  users: SsoUsersService;
}

export interface SsoDeps {
  db: Kysely<DatabaseSchema>;
  env: OidcEnv;
  box: SecretBox;
  audit: AuditService;
  clock: Clock;
  sessions: SessionService;
  users: UsersRepo;
  /** The users service's lock: provisioning shares the seat cap and last-admin rule with it. */
  accountLock: Mutex;
}

export function createSsoServices(deps: SsoDeps): SsoServices {
  const repo = new SsoRepo(deps.db);
  const settings = new SsoSettingsService(
    new SsoSettingsRepo(deps.db),
    deps.env,
    deps.box,
    deps.audit,
    deps.clock,
  );
  const accounts = new SsoAccounts(deps.users, repo, deps.accountLock, deps.audit, deps.clock);
  return {
    settings,
    login: new SsoLoginService(
      settings,
      new OidcClients(),
      repo,
      accounts,
      deps.sessions,
      new LoginAuditRepo(deps.db),
      deps.clock,
    ),
    users: new SsoUsersService(deps.users, repo, deps.audit, deps.clock),
  };
}
