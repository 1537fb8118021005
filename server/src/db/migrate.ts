import { type Kysely, type Migration, Migrator } from 'kysely';
import type { Database } from './database';
import { migrations } from './migrations';

/** Brings the schema up to date; migrations are bundled, so no files are read at run time. */
export async function migrateToLatest(database: Database): Promise<string[]> {
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
  const migrator = new Migrator({ db: database.db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(
      `Database migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
