import { DedicatedConnection, type ClusterLog } from './pg-listener';

/** The advisory lock key the leader holds (the migration lock is another). */
export const LEADER_LOCK_KEY = 7_146_201_802;

/**
 * One replica at a time is the leader: it holds a session-level `pg_try_advisory_lock` on a
 * dedicated connection. The others try again every `retryMs`; when the leader dies its connection
 * closes, PostgreSQL frees the lock and the next try wins. A leader checks its connection on the same
 * period and steps down the moment it is lost (the lock went with it).
 */
export class LeaderElection {
  private leader = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners: ((leader: boolean) => void)[] = [];
  private readonly connection: DedicatedConnection;
  private ticking: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    url: string,
    private readonly retryMs: number,
    private readonly log: ClusterLog,
  ) {
    this.connection = new DedicatedConnection(url, () => this.set(false), log);
  }

  get isLeader(): boolean {
    return this.leader;
  }

  onChange(listener: (leader: boolean) => void): void {
    this.listeners.push(listener);
  }

  /** Tries once now (so a lone replica leads from its first moment), then on every period. */
  async start(): Promise<void> {
    await this.tick();
    this.timer = setInterval(() => {
      this.ticking = this.ticking.then(() => this.tick());
    }, this.retryMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.ticking;
    this.set(false);
    await this.connection.close(); // closing the session frees the lock at once
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    try {
      const client = await this.connection.get();
      if (this.leader) {
        await client.query('select 1');
        return;
      }
      const result = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [
        LEADER_LOCK_KEY,
      ]);
      if (result.rows[0]?.ok) this.set(true);
    } catch (err) {
      this.log.warn({ err }, 'leader election could not reach PostgreSQL');
      this.set(false);
    }
  }

  private set(leader: boolean): void {
    if (this.leader === leader || (leader && this.stopped)) return;
    this.leader = leader;
    this.log.info(
      { leader },
      leader ? 'this replica is now the leader' : 'this replica is no longer the leader',
    );
    for (const listener of this.listeners) listener(leader);
  }
}
