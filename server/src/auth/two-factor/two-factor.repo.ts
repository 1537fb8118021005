import type { Kysely, Selectable } from 'kysely';
import type { TwoFactorRequirement } from '@archnest/contract';
import type { DatabaseSchema, TwoFactorSecretsTable } from '../../db/schema';

export type TwoFactorSecretRow = Selectable<TwoFactorSecretsTable>;

export class TwoFactorRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  findSecret(userId: string): Promise<TwoFactorSecretRow | undefined> {
    return this.db
      .selectFrom('two_factor_secrets')
      .selectAll()
      .where('user_id', '=', userId)
      .executeTakeFirst();
  }

  async isEnabled(userId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('two_factor_secrets')
      .select('user_id')
      .where('user_id', '=', userId)
      .where('confirmed_at', 'is not', null)
      .executeTakeFirst();
    return row !== undefined;
  }

  async enabledUserIds(): Promise<string[]> {
    const rows = await this.db
      .selectFrom('two_factor_secrets')
      .select('user_id')
      .where('confirmed_at', 'is not', null)
      .execute();
    return rows.map((r) => r.user_id);
  }

  /** Starts (or restarts) an enrolment; refuses to touch a confirmed secret. */
  async upsertPendingSecret(userId: string, sealed: string, now: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('two_factor_secrets')
        .select('confirmed_at')
        .where('user_id', '=', userId)
        .executeTakeFirst();
      if (existing?.confirmed_at) return false;
      if (existing) {
        await trx
          .updateTable('two_factor_secrets')
          .set({ secret_sealed: sealed, last_used_step: null, updated_at: now })
          .where('user_id', '=', userId)
          .execute();
      } else {
        await trx
          .insertInto('two_factor_secrets')
          .values({
            user_id: userId,
            secret_sealed: sealed,
            confirmed_at: null,
            last_used_step: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
      }
      return true;
    });
  }

  /**
   * Records `step` as used if it is newer than the last used one: one statement, so two requests with
   * the same code cannot both succeed.
   */
  async claimStep(userId: string, step: number, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('two_factor_secrets')
      .set({ last_used_step: step, updated_at: now })
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('last_used_step', 'is', null), eb('last_used_step', '<', step)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Turns two-factor on and stores the recovery codes' hashes, in one transaction. */
  async confirm(userId: string, codeHashes: string[], now: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('two_factor_secrets')
        .set({ confirmed_at: now, updated_at: now })
        .where('user_id', '=', userId)
        .where('confirmed_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      await trx.deleteFrom('two_factor_recovery_codes').where('user_id', '=', userId).execute();
      await trx
        .insertInto('two_factor_recovery_codes')
        .values(
          codeHashes.map((code_hash) => ({ user_id: userId, code_hash, used_at: null, created_at: now })),
        )
        .execute();
      return true;
    });
  }

  async replaceRecoveryCodes(userId: string, codeHashes: string[], now: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('two_factor_recovery_codes').where('user_id', '=', userId).execute();
      await trx
        .insertInto('two_factor_recovery_codes')
        .values(
          codeHashes.map((code_hash) => ({ user_id: userId, code_hash, used_at: null, created_at: now })),
        )
        .execute();
    });
  }

  /** Marks one unused code as used; false when it does not exist or was used already. */
  async useRecoveryCode(userId: string, codeHash: string, now: string): Promise<boolean> {
    const result = await this.db
      .updateTable('two_factor_recovery_codes')
      .set({ used_at: now })
      .where('user_id', '=', userId)
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async remainingRecoveryCodes(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('two_factor_recovery_codes')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('user_id', '=', userId)
      .where('used_at', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Removes the secret and the recovery codes; true when there was anything to remove. */
  async remove(userId: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('two_factor_recovery_codes').where('user_id', '=', userId).execute();
      const result = await trx
        .deleteFrom('two_factor_secrets')
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  async requirement(): Promise<TwoFactorRequirement> {
    const row = await this.db
      .selectFrom('two_factor_settings')
      .select('requirement')
      .where('id', '=', 1)
      .executeTakeFirst();
    return row?.requirement ?? 'off';
  }

  async setRequirement(requirement: TwoFactorRequirement, by: string, now: string): Promise<void> {
    await this.db
      .insertInto('two_factor_settings')
      .values({ id: 1, requirement, updated_at: now, updated_by: by })
      .onConflict((oc) => oc.column('id').doUpdateSet({ requirement, updated_at: now, updated_by: by }))
      .execute();
  }
}
