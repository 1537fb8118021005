import type { Kysely, Selectable, Updateable } from 'kysely';
import type { DatabaseSchema, HostsTable } from '../../db/schema';
import { HostAccessRepo } from './host-access.repo';

export type HostRow = Selectable<HostsTable>;

export class HostsRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  list(): Promise<HostRow[]> {
    return this.db.selectFrom('hosts').selectAll().orderBy('folder').orderBy('name').execute();
  }

  findById(id: string): Promise<HostRow | undefined> {
    return this.db.selectFrom('hosts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByName(name: string): Promise<HostRow | undefined> {
    return this.db.selectFrom('hosts').selectAll().where('name', '=', name).executeTakeFirst();
  }

  /** Jump host ids of every host, in hop order. */
  async jumps(): Promise<Map<string, string[]>> {
    const rows = await this.db
      .selectFrom('host_jumps')
      .selectAll()
      .orderBy('host_id')
      .orderBy('position')
      .execute();
    const map = new Map<string, string[]>();
    for (const r of rows) map.set(r.host_id, [...(map.get(r.host_id) ?? []), r.jump_host_id]);
    return map;
  }

  async insert(row: HostRow, jumpHostIds: string[], grants: string[] = []): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('hosts').values(row).execute();
      await HostAccessRepo.replaceGrants(trx, row.id, grants);
      if (jumpHostIds.length) {
        await trx
          .insertInto('host_jumps')
          .values(jumpHostIds.map((jump, position) => ({ host_id: row.id, position, jump_host_id: jump })))
          .execute();
      }
    });
  }

  /**
   * `grants` replaces the host's grants when given; `dropPersonalLogins` forgets users' own logins
   * (the host stopped being per-user). The host row is written first, so on PostgreSQL its row lock
   * serialises concurrent updates of one host.
   */
  async update(
    id: string,
    changes: Updateable<HostsTable>,
    jumpHostIds?: string[],
    access: { grants?: string[]; dropPersonalLogins?: boolean } = {},
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('hosts').set(changes).where('id', '=', id).execute();
      if (access.grants) await HostAccessRepo.replaceGrants(trx, id, access.grants);
      if (access.dropPersonalLogins)
        await trx.deleteFrom('host_user_credentials').where('host_id', '=', id).execute();
      if (jumpHostIds) {
        await trx.deleteFrom('host_jumps').where('host_id', '=', id).execute();
        if (jumpHostIds.length) {
          await trx
            .insertInto('host_jumps')
            .values(jumpHostIds.map((jump, position) => ({ host_id: id, position, jump_host_id: jump })))
            .execute();
        }
      }
    });
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('hosts').where('id', '=', id).execute();
  }

  async usedByDockerHosts(id: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('docker_hosts')
      .select('name')
      .where('ssh_host_id', '=', id)
      .execute();
    return rows.map((r) => r.name);
  }

  async usedAsJumpBy(id: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('host_jumps')
      .innerJoin('hosts', 'hosts.id', 'host_jumps.host_id')
      .select('hosts.name')
      .where('host_jumps.jump_host_id', '=', id)
      .execute();
    return rows.map((r) => r.name);
  }
}
