import type { Kysely } from 'kysely';
import type { DatabaseSchema, LoginLimitsTable } from '../db/schema';

export type LimitRow = LoginLimitsTable;

/** The shared sign-in counters (PostgreSQL): each change locks its rows, so replicas take turns. */
export class LoginLimitsRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /**
   * Locks the counters under `keys` (made empty when missing), lets `change` read and alter them, and
   * stores them, all in one transaction. Keys are locked in sorted order, so two changes never wait on
   * each other in a circle.
   */
  async change<T>(keys: string[], change: (rows: Map<string, LimitRow>) => T): Promise<T> {
    const sorted = [...new Set(keys)].sort();
    return this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('login_limits')
        .values(
          sorted.map((key) => ({
            key,
            failures: 0,
            in_flight: 0,
            window_end: 0,
            locked_until: 0,
            lockouts: 0,
          })),
        )
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      const rows = await trx
        .selectFrom('login_limits')
        .selectAll()
        .where('key', 'in', sorted)
        .orderBy('key')
        .forUpdate()
        .execute();
      // PostgreSQL answers bigint as text.
      const map = new Map(
        rows.map((r) => [
          r.key,
          { ...r, window_end: Number(r.window_end), locked_until: Number(r.locked_until) },
        ]),
      );
      const result = change(map);
      for (const row of map.values()) {
        const { key, ...values } = row;
        await trx.updateTable('login_limits').set(values).where('key', '=', key).execute();
      }
      return result;
    });
  }

  /** Drops counters with nothing left to remember. */
  async prune(now: number): Promise<void> {
    await this.db
      .deleteFrom('login_limits')
      .where('window_end', '<=', now)
      .where('locked_until', '<=', now)
      .where('in_flight', '=', 0)
      .execute();
  }
}
