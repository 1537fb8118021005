import type {
  DisableTwoFactorBody,
  RecoveryCodes,
  RegenerateRecoveryCodesBody,
  TwoFactorEnrolment,
  TwoFactorPolicy,
  TwoFactorRequirement,
  TwoFactorStatus,
} from '@archnest/contract';
import type { Clock } from '../../clock';
import type { SecretBox } from '../../crypto/secret-box';
import { AppError, notFound } from '../../http/app-error';
import type { Actor, AuditService } from '../../modules/audit/audit.service';
import type { UsersRepo } from '../../modules/users/users.repo';
import type { AuthContext, UserRow } from '../auth-context';
import { verifyPassword } from '../passwords';
import type { PendingLoginsRepo } from './pending-logins.repo';
import { newRecoveryCodes, hashRecoveryCode } from './recovery-codes';
import { codeRefusalMessage, secretAad, type SecondFactorCheck } from './second-factor-check';
import { newTotpSecret, totpUri } from './totp';
import type { TwoFactorRepo, TwoFactorSecretRow } from './two-factor.repo';

const notEnabled = () =>
  new AppError(409, 'two_factor_not_enabled', 'Two-factor sign-in is not turned on for this account.');

export function requirementApplies(requirement: TwoFactorRequirement, user: Pick<UserRow, 'role'>): boolean {
  return requirement === 'everyone' || (requirement === 'admins' && user.role === 'admin');
}

/** Enrolment, recovery codes, turning off, the instance policy and an admin's reset. */
export class TwoFactorService {
  /** The policy is read on every request of a signed-in user, so it is kept in memory (one process). */
  private cachedRequirement: TwoFactorRequirement | null = null;
  private readonly requirementListeners: (() => void)[] = [];

  constructor(
    private readonly repo: TwoFactorRepo,
    private readonly pending: PendingLoginsRepo,
    private readonly users: UsersRepo,
    private readonly check: SecondFactorCheck,
    private readonly box: SecretBox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The policy was changed here (other replicas forget their copy through this). */
  onRequirementChanged(listener: () => void): void {
    this.requirementListeners.push(listener);
  }

  /** Another replica changed the policy: read it again on next use. */
  forgetRequirement(): void {
    this.cachedRequirement = null;
  }

  async requirement(): Promise<TwoFactorRequirement> {
    this.cachedRequirement ??= await this.repo.requirement();
    return this.cachedRequirement;
  }

  /** True while the instance requires two-factor of this user and it is not on yet. */
  async enrolmentRequired(user: Pick<UserRow, 'id' | 'role'>): Promise<boolean> {
    if (!requirementApplies(await this.requirement(), user)) return false;
    return !(await this.repo.isEnabled(user.id));
  }

  async status(user: UserRow): Promise<TwoFactorStatus> {
    const row = await this.repo.findSecret(user.id);
    const enabled = Boolean(row?.confirmed_at);
    const requirement = await this.requirement();
    return {
      enabled,
      enrolmentPending: row !== undefined && !enabled,
      enrolmentRequired: requirementApplies(requirement, user) && !enabled,
      requirement,
      recoveryCodesRemaining: enabled ? await this.repo.remainingRecoveryCodes(user.id) : 0,
    };
  }

  async startEnrolment(user: UserRow): Promise<TwoFactorEnrolment> {
    const secret = newTotpSecret();
    const sealed = this.box.seal(secret, secretAad(user.id));
    if (!(await this.repo.upsertPendingSecret(user.id, sealed, this.clock.now().toISOString()))) {
      throw new AppError(409, 'two_factor_already_enabled', 'Two-factor sign-in is already on.');
    }
    return { secret, uri: totpUri(secret, user.username) };
  }

  async confirmEnrolment(auth: AuthContext, code: string, actor: Actor): Promise<RecoveryCodes> {
    const row = await this.repo.findSecret(auth.user.id);
    if (row?.confirmed_at)
      throw new AppError(409, 'two_factor_already_enabled', 'Two-factor sign-in is already on.');
    if (!row) throw new AppError(409, 'two_factor_not_started', 'Start the enrolment first to get a secret.');
    await this.requireCode(row, code, `session:${auth.session.id}`);
    const recoveryCodes = newRecoveryCodes();
    const confirmed = await this.repo.confirm(
      auth.user.id,
      recoveryCodes.map(hashRecoveryCode),
      this.clock.now().toISOString(),
    );
    if (!confirmed)
      throw new AppError(409, 'two_factor_already_enabled', 'Two-factor sign-in is already on.');
    await this.audit.record(actor, this.selfRecord(auth.user, 'auth.two_factor_enabled'));
    return { recoveryCodes };
  }

  async regenerateRecoveryCodes(
    auth: AuthContext,
    body: RegenerateRecoveryCodesBody,
    actor: Actor,
  ): Promise<RecoveryCodes> {
    const row = await this.enabledRow(auth.user.id);
    if ('password' in body) await this.requirePassword(auth, body.password);
    else await this.requireCode(row, body.code, `session:${auth.session.id}`);
    const recoveryCodes = newRecoveryCodes();
    await this.repo.replaceRecoveryCodes(
      auth.user.id,
      recoveryCodes.map(hashRecoveryCode),
      this.clock.now().toISOString(),
    );
    await this.audit.record(actor, {
      ...this.selfRecord(auth.user, 'auth.two_factor_recovery_codes_regenerated'),
      detail: { provedWith: 'password' in body ? 'password' : 'code' },
    });
    return { recoveryCodes };
  }

  async disable(auth: AuthContext, body: DisableTwoFactorBody, actor: Actor): Promise<void> {
    const row = await this.enabledRow(auth.user.id);
    if (requirementApplies(await this.requirement(), auth.user)) {
      throw new AppError(
        409,
        'two_factor_required',
        'This instance requires two-factor sign-in for your account.',
      );
    }
    await this.requirePassword(auth, body.password);
    const proof = 'code' in body ? { code: body.code } : { recoveryCode: body.recoveryCode };
    const result = await this.check.check(row, proof, `session:${auth.session.id}`);
    if (!result.ok) throw new AppError(403, 'invalid_two_factor_code', codeRefusalMessage(result.reason));
    await this.repo.remove(auth.user.id);
    await this.audit.record(actor, this.selfRecord(auth.user, 'auth.two_factor_disabled'));
  }

  async policy(): Promise<TwoFactorPolicy> {
    return { requirement: await this.requirement(), enrolledUserIds: await this.repo.enabledUserIds() };
  }

  async setPolicy(
    auth: AuthContext,
    actor: Actor,
    requirement: TwoFactorRequirement,
  ): Promise<TwoFactorPolicy> {
    // An admin cannot lock their own session into enrolment by the rule they are setting.
    if (requirementApplies(requirement, auth.user) && !(await this.repo.isEnabled(auth.user.id))) {
      throw new AppError(
        409,
        'two_factor_not_enabled',
        'Turn on two-factor sign-in for your own account before requiring it.',
      );
    }
    const previous = await this.requirement();
    await this.repo.setRequirement(requirement, actor.name, this.clock.now().toISOString());
    this.cachedRequirement = requirement;
    for (const listener of this.requirementListeners) listener();
    await this.audit.record(actor, {
      action: 'settings.two_factor_requirement',
      targetType: 'settings',
      targetName: 'two-factor',
      detail: { from: previous, to: requirement },
    });
    return this.policy();
  }

  async adminReset(actor: Actor, userId: string): Promise<void> {
    const user = await this.users.findById(userId);
    if (!user) throw notFound('User');
    const removed = await this.repo.remove(user.id);
    await this.pending.deleteForUser(user.id);
    if (!removed) throw notEnabled();
    await this.audit.record(actor, {
      action: 'user.two_factor_reset',
      targetType: 'user',
      targetId: user.id,
      targetName: user.username,
    });
  }

  private async enabledRow(userId: string): Promise<TwoFactorSecretRow> {
    const row = await this.repo.findSecret(userId);
    if (!row?.confirmed_at) throw notEnabled();
    return row;
  }

  private async requireCode(row: TwoFactorSecretRow, code: string, scope: string): Promise<void> {
    const result = await this.check.check(row, { code }, scope);
    if (!result.ok) throw new AppError(403, 'invalid_two_factor_code', codeRefusalMessage(result.reason));
  }

  private async requirePassword(auth: AuthContext, password: string): Promise<void> {
    if (!(await verifyPassword(auth.user.password_hash, password))) {
      throw new AppError(403, 'wrong_password', 'The password is not correct.');
    }
  }

  private selfRecord(user: UserRow, action: string) {
    return { action, targetType: 'user', targetId: user.id, targetName: user.username };
  }
}
