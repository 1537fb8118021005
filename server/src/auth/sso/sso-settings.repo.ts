import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema } from '../../db/schema';
import type { SsoSettingsTable } from '../../db/sso-schema';

export type SsoSettingsRow = Selectable<SsoSettingsTable>;
const ROW_ID = 'oidc';

export class SsoSettingsRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  find(): Promise<SsoSettingsRow | undefined> {
    return this.db.selectFrom('sso_settings').selectAll().where('id', '=', ROW_ID).executeTakeFirst();
  }

  async save(row: Omit<SsoSettingsRow, 'id'>): Promise<void> {
    const values = { ...row, id: ROW_ID };
    await this.db
      .insertInto('sso_settings')
      .values(values)
      .onConflict((oc) => oc.column('id').doUpdateSet(row))
      .execute();
  }
}
