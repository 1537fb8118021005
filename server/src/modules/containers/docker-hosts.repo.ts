import type { Kysely, Selectable, Updateable } from 'kysely';
import type { DatabaseSchema, DockerHostsTable } from '../../db/schema';

export type DockerHostRow = Selectable<DockerHostsTable>;

export class DockerHostsRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  list(): Promise<DockerHostRow[]> {
    return this.db.selectFrom('docker_hosts').selectAll().orderBy('name').execute();
  }

  findById(id: string): Promise<DockerHostRow | undefined> {
    return this.db.selectFrom('docker_hosts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insert(row: DockerHostRow): Promise<void> {
    await this.db.insertInto('docker_hosts').values(row).execute();
  }

  async update(id: string, changes: Updateable<DockerHostsTable>): Promise<void> {
    await this.db.updateTable('docker_hosts').set(changes).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('docker_hosts').where('id', '=', id).execute();
  }

  async usingSshHost(hostId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('docker_hosts')
      .select('name')
      .where('ssh_host_id', '=', hostId)
      .execute();
    return rows.map((r) => r.name);
  }
}
