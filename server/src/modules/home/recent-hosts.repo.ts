import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../db/schema';

/** The hosts a user opened terminals to, most recent first (from the terminal session audit). */
export class RecentHostsRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async forUser(userId: string, limit: number): Promise<{ hostId: string; lastUsedAt: string }[]> {
    const rows = await this.db
      .selectFrom('terminal_sessions')
      .select(['host_id', (eb) => eb.fn.max('started_at').as('last_used')])
      .where('user_id', '=', userId)
      .where('host_id', 'is not', null)
      .groupBy('host_id')
      .orderBy('last_used', 'desc')
      .limit(limit)
      .execute();
    return rows.flatMap((r) => (r.host_id ? [{ hostId: r.host_id, lastUsedAt: String(r.last_used) }] : []));
  }
}
