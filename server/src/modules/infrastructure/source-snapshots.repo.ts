import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../db/schema';
import type { SharedPoll } from './poll-ownership';
import type { PolledSnapshot } from './resource-source';

/** The last poll of each shared source (PostgreSQL replicas), one row per source. */
export class SourceSnapshotsRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** Upserts the poll; a failed poll leaves the last good snapshot and its time in place. */
  async save(sourceId: string, poll: SharedPoll): Promise<void> {
    const always = {
      revision: poll.revision,
      attempted_at: poll.attemptedAt,
      error_code: poll.error?.code ?? null,
      error_message: poll.error?.message ?? null,
    };
    const good = poll.snapshot ? { success_at: poll.successAt, snapshot: JSON.stringify(poll.snapshot) } : {};
    await this.db
      .insertInto('source_snapshots')
      .values({
        source_id: sourceId,
        ...always,
        success_at: poll.successAt,
        snapshot: poll.snapshot ? JSON.stringify(poll.snapshot) : null,
      })
      .onConflict((oc) => oc.column('source_id').doUpdateSet({ ...always, ...good }))
      .execute();
  }

  async read(sourceId: string): Promise<SharedPoll | null> {
    const row = await this.db
      .selectFrom('source_snapshots')
      .selectAll()
      .where('source_id', '=', sourceId)
      .executeTakeFirst();
    if (!row) return null;
    return {
      revision: row.revision,
      attemptedAt: row.attempted_at,
      successAt: row.success_at,
      snapshot: row.snapshot === null ? null : (JSON.parse(row.snapshot) as PolledSnapshot),
      error:
        row.error_code === null
          ? null
          : { code: row.error_code, message: row.error_message ?? row.error_code },
    };
  }

  async remove(sourceId: string): Promise<void> {
    await this.db.deleteFrom('source_snapshots').where('source_id', '=', sourceId).execute();
  }
}
