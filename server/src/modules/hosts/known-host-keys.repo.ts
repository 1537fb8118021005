import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema, KnownHostKeysTable } from '../../db/schema';

export type KnownHostKeyRow = Selectable<KnownHostKeysTable>;

/** Host addresses compare case-insensitively, as DNS names do. */
export function endpointKey(address: string): string {
  return address.trim().toLowerCase();
}

export class KnownHostKeysRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  list(): Promise<KnownHostKeyRow[]> {
    return this.db.selectFrom('known_host_keys').selectAll().orderBy('address').orderBy('port').execute();
  }

  find(address: string, port: number): Promise<KnownHostKeyRow | undefined> {
    return this.db
      .selectFrom('known_host_keys')
      .selectAll()
      .where('address', '=', endpointKey(address))
      .where('port', '=', port)
      .executeTakeFirst();
  }

  findById(id: string): Promise<KnownHostKeyRow | undefined> {
    return this.db.selectFrom('known_host_keys').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Stores the key for address:port, replacing any earlier one. */
  async put(row: KnownHostKeyRow): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('known_host_keys')
        .where('address', '=', row.address)
        .where('port', '=', row.port)
        .execute();
      await trx.insertInto('known_host_keys').values(row).execute();
    });
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('known_host_keys').where('id', '=', id).execute();
  }
}
