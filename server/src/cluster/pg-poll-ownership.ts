import { createHash } from 'node:crypto';
import type { PollOwnership, SharedPoll } from '../modules/infrastructure/poll-ownership';
import type { SourceSnapshotsRepo } from '../modules/infrastructure/source-snapshots.repo';
import type { ClusterBus } from './cluster-bus';
import { DedicatedConnection, type ClusterLog } from './pg-listener';

/** The bus message the polling replica sends after it stored a poll. */
export const SOURCE_POLLED = 'source_polled';

/** A stable signed 64-bit advisory lock key per source id (as text: pg takes bigint that way). */
export function sourceLockKey(sourceId: string): string {
  return createHash('sha256').update(`archnest-source:${sourceId}`).digest().readBigInt64BE(0).toString();
}

/**
 * Each polled source belongs to one replica: the one holding its session-level advisory lock on this
 * dedicated connection. Every poll tick asks again, so a replica that does not hold a source tries to
 * take it each interval; when its holder dies, PostgreSQL ends that session and frees the lock, and
 * the next try wins. The holder stores each poll in `source_snapshots` and NOTIFYs the source id; the
 * others read the row instead of calling the source.
 */
export class PgPollOwnership implements PollOwnership {
  private readonly held = new Set<string>();
  private readonly connection: DedicatedConnection;

  constructor(
    url: string,
    private readonly repo: SourceSnapshotsRepo,
    private readonly bus: ClusterBus,
    log: ClusterLog,
  ) {
    // The locks end with the session: a lost connection means this replica holds nothing.
    this.connection = new DedicatedConnection(url, () => this.held.clear(), log);
  }

  async claim(sourceId: string): Promise<boolean> {
    const client = await this.connection.get();
    if (this.held.has(sourceId)) {
      await client.query('select 1'); // the session (and so the lock) is still there
      return this.held.has(sourceId);
    }
    const result = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1::bigint) as ok', [
      sourceLockKey(sourceId),
    ]);
    if (!result.rows[0]?.ok) return false;
    this.held.add(sourceId);
    return true;
  }

  async share(sourceId: string, poll: SharedPoll): Promise<void> {
    await this.repo.save(sourceId, poll);
    this.bus.publish(SOURCE_POLLED, { sourceId });
  }

  read(sourceId: string): Promise<SharedPoll | null> {
    return this.repo.read(sourceId);
  }

  async forget(sourceId: string): Promise<void> {
    if (this.held.delete(sourceId)) {
      const client = await this.connection.get();
      await client.query('select pg_advisory_unlock($1::bigint)', [sourceLockKey(sourceId)]);
    }
    await this.repo.remove(sourceId);
  }

  /** Closing the session frees every lock at once. */
  async stop(): Promise<void> {
    this.held.clear();
    await this.connection.close();
  }
}
