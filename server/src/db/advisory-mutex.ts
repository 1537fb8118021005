import { type Kysely, sql } from 'kysely';
import { Mutex } from '../util/mutex';
import type { DatabaseSchema } from './schema';

/** The advisory lock key of account changes (seat cap, last admin) across replicas. */
export const ACCOUNT_LOCK_KEY = 7_146_201_803;

/**
 * A `Mutex` that also holds across processes on one PostgreSQL database: within the process the
 * sections queue as before, and each holds a session advisory lock on one pooled connection while it
 * runs, so sections on other replicas wait for it. The work itself runs on other connections.
 */
export class AdvisoryMutex extends Mutex {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly key: number,
  ) {
    super();
  }

  override run<T>(work: () => Promise<T>): Promise<T> {
    return super.run(() =>
      this.db.connection().execute(async (connection) => {
        await sql`select pg_advisory_lock(${this.key})`.execute(connection);
        try {
          return await work();
        } finally {
          await sql`select pg_advisory_unlock(${this.key})`.execute(connection);
        }
      }),
    );
  }
}
