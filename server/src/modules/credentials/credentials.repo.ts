import type { Kysely, Selectable, Updateable } from 'kysely';
import type { CredentialsTable, DatabaseSchema } from '../../db/schema';

export type CredentialRow = Selectable<CredentialsTable>;

export class CredentialsRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  list(): Promise<CredentialRow[]> {
    return this.db.selectFrom('credentials').selectAll().orderBy('name').execute();
  }

  findById(id: string): Promise<CredentialRow | undefined> {
    return this.db.selectFrom('credentials').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insert(row: CredentialRow): Promise<void> {
    await this.db.insertInto('credentials').values(row).execute();
  }

  async update(id: string, changes: Updateable<CredentialsTable>): Promise<void> {
    await this.db.updateTable('credentials').set(changes).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('credentials').where('id', '=', id).execute();
  }

  /** How many hosts use each credential. */
  async usage(): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('hosts')
      .select(['credential_id', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('credential_id', 'is not', null)
      .groupBy('credential_id')
      .execute();
    return new Map(rows.map((r) => [r.credential_id!, Number(r.n)]));
  }
}
