import type { Kysely } from 'kysely';
import type { Clock } from '../../clock';
import type { SecretBox } from '../../crypto/secret-box';
import type { DatabaseSchema } from '../../db/schema';
import type { AuditService } from '../../modules/audit/audit.service';
import { UsersRepo } from '../../modules/users/users.repo';
import { LoginAuditRepo } from '../login-audit.repo';
import type { SessionService } from '../session.service';
import { CodeAttemptLimiter, defaultCodeAttemptLimits, type CodeAttemptLimits } from './code-attempt-limiter';
import { PendingLoginsRepo } from './pending-logins.repo';
import { SecondFactorCheck } from './second-factor-check';
import { TwoFactorLoginService } from './two-factor-login.service';
import { TwoFactorRepo } from './two-factor.repo';
import { TwoFactorService } from './two-factor.service';

export interface TwoFactorModule {
  twoFactor: TwoFactorService;
  twoFactorLogin: TwoFactorLoginService;
}

export function createTwoFactorModule(deps: {
  db: Kysely<DatabaseSchema>;
  box: SecretBox;
  sessions: SessionService;
  audit: AuditService;
  clock: Clock;
  limits?: CodeAttemptLimits | undefined;
}): TwoFactorModule {
  const repo = new TwoFactorRepo(deps.db);
  const pending = new PendingLoginsRepo(deps.db);
  const users = new UsersRepo(deps.db);
  const check = new SecondFactorCheck(
    repo,
    deps.box,
    new CodeAttemptLimiter(deps.clock, deps.limits ?? defaultCodeAttemptLimits),
    deps.clock,
  );
  return {
    twoFactor: new TwoFactorService(repo, pending, users, check, deps.box, deps.audit, deps.clock),
    twoFactorLogin: new TwoFactorLoginService(
      repo,
      pending,
      check,
      deps.sessions,
      users,
      new LoginAuditRepo(deps.db),
      deps.clock,
    ),
  };
}
