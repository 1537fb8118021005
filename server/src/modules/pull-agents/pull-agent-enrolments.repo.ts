import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema, PullAgentEnrolmentsTable } from '../../db/schema';

export type PullAgentEnrolmentRow = Selectable<PullAgentEnrolmentsTable>;

export class PullAgentEnrolmentsRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(row: PullAgentEnrolmentRow): Promise<void> {
    await this.db.insertInto('pull_agent_enrolments').values(row).execute();
  }

  findById(id: string): Promise<PullAgentEnrolmentRow | undefined> {
    return this.db.selectFrom('pull_agent_enrolments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /**
   * One conditional UPDATE: of two requests racing for the same enrolment, the database lets exactly
   * one through; the other changes no row.
   */
  async claim(id: string, now: string, until: string): Promise<boolean> {
    const result = await this.db
      .updateTable('pull_agent_enrolments')
      .set({ claimed_until: until })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async release(id: string): Promise<void> {
    await this.db
      .updateTable('pull_agent_enrolments')
      .set({ claimed_until: null })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .execute();
  }

  /** The token is gone for good: only the record of its use stays. */
  async markUsed(id: string, at: string, dockerHostId: string): Promise<void> {
    await this.db
      .updateTable('pull_agent_enrolments')
      .set({ used_at: at, docker_host_id: dockerHostId, token_sealed: '', claimed_until: null })
      .where('id', '=', id)
      .execute();
  }

  /** Enrolments that can no longer be used, a day after they ended. */
  async deleteStale(before: string): Promise<void> {
    await this.db
      .deleteFrom('pull_agent_enrolments')
      .where('expires_at', '<', before)
      .where('used_at', 'is', null)
      .execute();
  }
}
