import type { Kysely, Selectable } from 'kysely';
import type { AgentHostsTable, AgentSamplesTable, DatabaseSchema } from '../../db/schema';

export type AgentHostRow = Selectable<AgentHostsTable>;
export type AgentSampleRow = Selectable<AgentSamplesTable>;

export interface StoreReport {
  host: AgentHostRow;
  samples: AgentSampleRow[];
  /** Samples older than this (of every host) are pruned in the same transaction. */
  pruneBefore: string;
  /** The per-host token that sent the report, to record its last use. */
  tokenId: string | null;
}

/** Rows written per INSERT: 5 columns each keeps well under SQLite's 32 766 bound parameters. */
const SAMPLE_BATCH = 500;

export class AgentReportsRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  listHosts(): Promise<AgentHostRow[]> {
    return this.db.selectFrom('agent_hosts').selectAll().orderBy('label').execute();
  }

  findHost(label: string): Promise<AgentHostRow | undefined> {
    return this.db.selectFrom('agent_hosts').selectAll().where('label', '=', label).executeTakeFirst();
  }

  /** Everything a report changes, in one transaction: a refused or failed write leaves nothing behind. */
  async store(report: StoreReport): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const { label: _label, first_report_at: _first, ...changes } = report.host;
      await trx
        .insertInto('agent_hosts')
        .values(report.host)
        .onConflict((oc) => oc.column('label').doUpdateSet(changes))
        .execute();
      for (let i = 0; i < report.samples.length; i += SAMPLE_BATCH) {
        await trx
          .insertInto('agent_samples')
          .values(report.samples.slice(i, i + SAMPLE_BATCH))
          .onConflict((oc) =>
            oc.columns(['host_label', 'at', 'container_id']).doUpdateSet((eb) => ({
              cpu_percent: eb.ref('excluded.cpu_percent'),
              memory_bytes: eb.ref('excluded.memory_bytes'),
            })),
          )
          .execute();
      }
      await trx.deleteFrom('agent_samples').where('at', '<', report.pruneBefore).execute();
      if (report.tokenId) {
        await trx
          .updateTable('agent_tokens')
          .set({ last_used_at: report.host.last_report_at })
          .where('id', '=', report.tokenId)
          .execute();
      }
    });
  }

  /** A host's samples since `since`, oldest first; one container's when `containerId` is given. */
  samples(label: string, since: string, containerId?: string): Promise<AgentSampleRow[]> {
    let query = this.db
      .selectFrom('agent_samples')
      .selectAll()
      .where('host_label', '=', label)
      .where('at', '>=', since);
    if (containerId !== undefined) query = query.where('container_id', '=', containerId);
    return query.orderBy('at').execute();
  }

  async deleteHost(label: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('agent_samples').where('host_label', '=', label).execute();
      await trx.deleteFrom('agent_hosts').where('label', '=', label).execute();
    });
  }
}
