import type { Kysely, Selectable, Updateable } from 'kysely';
import type { DatabaseSchema, IntegrationsTable } from '../../db/schema';

export type IntegrationRow = Selectable<IntegrationsTable>;

export class IntegrationsRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  list(): Promise<IntegrationRow[]> {
    return this.db.selectFrom('integrations').selectAll().orderBy('name').orderBy('id').execute();
  }

  findById(id: string): Promise<IntegrationRow | undefined> {
    return this.db.selectFrom('integrations').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insert(row: IntegrationRow): Promise<void> {
    await this.db.insertInto('integrations').values(row).execute();
  }

  async update(id: string, changes: Updateable<IntegrationsTable>): Promise<void> {
    await this.db.updateTable('integrations').set(changes).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('integrations').where('id', '=', id).execute();
  }
}
