import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../../db/schema';

export class PreferencesRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async get(userId: string): Promise<unknown> {
    const row = await this.db
      .selectFrom('preferences')
      .select('data')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ? (JSON.parse(row.data) as unknown) : undefined;
  }

  async put(userId: string, data: unknown, updatedAt: string): Promise<void> {
    const json = JSON.stringify(data);
    await this.db
      .insertInto('preferences')
      .values({ user_id: userId, data: json, updated_at: updatedAt })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ data: json, updated_at: updatedAt }))
      .execute();
  }
}
