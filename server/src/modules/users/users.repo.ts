import type { Kysely, Updateable } from 'kysely';
import type { UserRow } from '../../auth/auth-context';
import type { DatabaseSchema, UsersTable } from '../../db/schema';

export function usernameKey(username: string): string {
  return username.trim().toLowerCase();
}

export class UsersRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  findById(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByUsername(username: string): Promise<UserRow | undefined> {
    return this.db
      .selectFrom('users')
      .selectAll()
      .where('username_key', '=', usernameKey(username))
      .executeTakeFirst();
  }

  list(): Promise<UserRow[]> {
    return this.db.selectFrom('users').selectAll().orderBy('created_at').orderBy('username_key').execute();
  }

  async insert(row: UserRow): Promise<void> {
    await this.db.insertInto('users').values(row).execute();
  }

  async update(id: string, changes: Updateable<UsersTable>): Promise<void> {
    await this.db.updateTable('users').set(changes).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('users').where('id', '=', id).execute();
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async countActive(role?: 'admin'): Promise<number> {
    let query = this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('active', '=', 1);
    if (role) query = query.where('role', '=', role);
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
