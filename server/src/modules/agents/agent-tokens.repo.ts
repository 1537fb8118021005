import type { Kysely, Selectable } from 'kysely';
import type { AgentTokensTable, DatabaseSchema } from '../../db/schema';

export type AgentTokenRow = Selectable<AgentTokensTable>;

export class AgentTokensRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  list(): Promise<AgentTokenRow[]> {
    return this.db
      .selectFrom('agent_tokens')
      .selectAll()
      .orderBy('host_label')
      .orderBy('created_at', 'desc')
      .execute();
  }

  findById(id: string): Promise<AgentTokenRow | undefined> {
    return this.db.selectFrom('agent_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByHash(tokenHash: string): Promise<AgentTokenRow | undefined> {
    return this.db
      .selectFrom('agent_tokens')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  async anyActive(): Promise<boolean> {
    const row = await this.db
      .selectFrom('agent_tokens')
      .select('id')
      .where('revoked_at', 'is', null)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async insert(row: AgentTokenRow): Promise<void> {
    await this.db.insertInto('agent_tokens').values(row).execute();
  }

  async revoke(id: string, at: string): Promise<void> {
    await this.db
      .updateTable('agent_tokens')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  }
}
