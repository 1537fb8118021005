import { type Kysely, type Migration, Migrator } from 'kysely';
import type { Database } from './database';
import { migrations } from './migrations';

/** A migrator over the bundled migrations; no files are read at run time. */
export function migratorFor(database: Database): Migrator {
  const provider = {
    getMigrations(): Promise<Record<string, Migration>> {
      return Promise.resolve(
        Object.fromEntries(
          Object.entries(migrations).map(([name, m]) => [
            name,
            { up: (db: Kysely<unknown>) => m.up(db, database.dialect) } satisfies Migration,
          ]),
        ),
      );
    },
  };
  return new Migrator({ db: database.db, provider });
}

/** Brings the schema up to date. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  const { error, results } = await migratorFor(database).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `Database migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
