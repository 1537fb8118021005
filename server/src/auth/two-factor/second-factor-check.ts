import type { SecondFactorBody } from '@archnest/contract';
import type { Clock } from '../../clock';
import type { SecretBox } from '../../crypto/secret-box';
import type { CodeAttemptLimiter } from './code-attempt-limiter';
import { hashRecoveryCode } from './recovery-codes';
import { matchTotpStep } from './totp';
import type { TwoFactorRepo, TwoFactorSecretRow } from './two-factor.repo';

export type CheckResult =
  | { ok: true; method: 'totp' | 'recovery_code' }
  | { ok: false; reason: 'wrong_two_factor_code' | 'two_factor_code_replayed' | 'wrong_recovery_code' };

export function secretAad(userId: string): string {
  return `user:${userId}:totp`;
}

/** Checks an authenticator or recovery code for a user, counting the try first (429 past the limit). */
export class SecondFactorCheck {
  constructor(
    private readonly repo: TwoFactorRepo,
    private readonly box: SecretBox,
    private readonly limiter: CodeAttemptLimiter,
    private readonly clock: Clock,
  ) {}

  openSecret(row: TwoFactorSecretRow): string {
    return this.box.open(row.secret_sealed, secretAad(row.user_id));
  }

  async check(row: TwoFactorSecretRow, proof: SecondFactorBody, scope: string): Promise<CheckResult> {
    this.limiter.reserve(scope, row.user_id);
    const now = this.clock.now();
    if ('recoveryCode' in proof) {
      const used = await this.repo.useRecoveryCode(
        row.user_id,
        hashRecoveryCode(proof.recoveryCode),
        now.toISOString(),
      );
      if (!used) return { ok: false, reason: 'wrong_recovery_code' };
      this.limiter.succeeded(row.user_id);
      return { ok: true, method: 'recovery_code' };
    }
    const step = matchTotpStep(this.openSecret(row), proof.code, now.getTime());
    if (step === null) return { ok: false, reason: 'wrong_two_factor_code' };
    if (!(await this.repo.claimStep(row.user_id, step, now.toISOString())))
      return { ok: false, reason: 'two_factor_code_replayed' };
    this.limiter.succeeded(row.user_id);
    return { ok: true, method: 'totp' };
  }
}

export function codeRefusalMessage(reason: Exclude<CheckResult, { ok: true }>['reason']): string {
  switch (reason) {
    case 'wrong_two_factor_code':
      return 'That code is not right. Check the time on your device and try the current code.';
    case 'two_factor_code_replayed':
      return 'That code was already used. Wait for the next one.';
    case 'wrong_recovery_code':
      return 'That recovery code is not right or was already used.';
  }
}
