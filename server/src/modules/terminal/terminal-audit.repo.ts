import type { Insertable, Kysely } from 'kysely';
import type { TerminalSessionRecord } from '@archnest/contract';
import type { DatabaseSchema, TerminalSessionsTable } from '../../db/schema';

export class TerminalAuditRepo {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async start(row: Insertable<TerminalSessionsTable>): Promise<void> {
    await this.db.insertInto('terminal_sessions').values(row).execute();
  }

  async finish(
    id: string,
    endedAt: string,
    bytesIn: number,
    bytesOut: number,
    reason: string,
  ): Promise<void> {
    await this.db
      .updateTable('terminal_sessions')
      .set({ ended_at: endedAt, bytes_in: bytesIn, bytes_out: bytesOut, end_reason: reason })
      .where('id', '=', id)
      .execute();
  }

  /** Sessions a crash or restart left open are closed with reason server_shutdown at start-up. */
  async closeDangling(endedAt: string): Promise<void> {
    await this.db
      .updateTable('terminal_sessions')
      .set({ ended_at: endedAt, end_reason: 'server_shutdown' })
      .where('ended_at', 'is', null)
      .execute();
  }

  async list(limit: number): Promise<TerminalSessionRecord[]> {
    const rows = await this.db
      .selectFrom('terminal_sessions')
      .selectAll()
      .orderBy('started_at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      username: r.username,
      hostId: r.host_id,
      hostName: r.host_name,
      address: r.address,
      port: r.port,
      fingerprint: r.fingerprint,
      startedAt: r.started_at,
      endedAt: r.ended_at,
      bytesIn: Number(r.bytes_in),
      bytesOut: Number(r.bytes_out),
      endReason: r.end_reason,
    }));
  }
}
