import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { describe, expect, inject, it } from 'vitest';
import { freePort } from '@archnest/test-support';
import { listTables, readTables, type AnyDb } from '../../src/backup/database-tables';
import { openDatabase, type Database, type Dialect } from '../../src/db/database';
import { appliedMigrations, migrate, migrateToLatest, MigrationError } from '../../src/db/migrate';
import { migrations, type MigrationModule } from '../../src/db/migrations';
import { dialects, freshDatabase } from '../helpers/test-app';

const root = path.resolve(import.meta.dirname, '../../..');
const latest = Object.keys(migrations).sort();

/** A migration that writes a table and a row, then fails on its last statement. */
const broken: MigrationModule = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
    await sql`insert into users (id, username, username_key, password_hash, role, active, created_at, updated_at)
      values ('ghost', 'ghost', 'ghost', 'x', 'member', 1, 'now', 'now')`.execute(db);
    await sql`update users set username = 'renamed'`.execute(db);
    await sql`select * from no_such_table`.execute(db);
  },
};

async function addUser(database: Database): Promise<void> {
  await database.db
    .insertInto('users')
    .values({
      id: 'u1',
      username: 'keep',
      username_key: 'keep',
      password_hash: 'x',
      role: 'admin',
      active: 1,
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-01T00:00:00.000Z',
    })
    .execute();
}

const snapshot = async (database: Database) => ({
  tables: await readTables(database.db as unknown as AnyDb, database.dialect),
  migrations: await appliedMigrations(database),
});

/** A new empty database and how a server process reaches it. */
async function emptyInstance(
  dialect: Dialect,
): Promise<{ env: Record<string, string>; open: () => Database }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-migrate-'));
  const sqliteFile = path.join(dataDir, 'archnest.db');
  if (dialect === 'sqlite') {
    return { env: { ARCHNEST_DATA_DIR: dataDir }, open: () => openDatabase({ sqliteFile }) };
  }
  const scratch = await freshDatabase('postgres', ':memory:', false);
  const url = await sql<{ db: string }>`select current_database() as db`.execute(scratch.db);
  await scratch.close();
  const databaseUrl = inject('postgresUrl').replace(/\/postgres$/, `/${url.rows[0]!.db}`);
  return {
    env: { ARCHNEST_DATA_DIR: dataDir, DATABASE_URL: databaseUrl },
    open: () => openDatabase({ databaseUrl }),
  };
}

async function startServer(env: Record<string, string>) {
  const port = await freePort();
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe.each(dialects)('migrations on %s', (dialect) => {
  it('a failing migration leaves the database exactly as it was and names itself', async () => {
    const database = await freshDatabase(dialect);
    try {
      await addUser(database);
      const before = await snapshot(database);
      const failing = migrate(database, { migrations: { ...migrations, '9000-broken': broken } });
      await expect(failing).rejects.toBeInstanceOf(MigrationError);
      await expect(failing).rejects.toThrow(
        /^Database migration 9000-broken failed and was rolled back \(the database is as it was before 9000-broken\): .*no_such_table/,
      );
      expect(await snapshot(database)).toEqual(before);
      expect(await listTables(database.db as unknown as AnyDb, dialect)).not.toContain('half_done');
      // The shipped migrations still run (nothing is pending) and the database works.
      expect(await migrateToLatest(database)).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it('migrations before the failing one stay applied; the failing one and later ones do not', async () => {
    const database = await freshDatabase(dialect, ':memory:', false);
    try {
      const failing = migrate(database, {
        migrations: { ...migrations, '0011-alerts': broken, '0012-later': migrations['0011-alerts']! },
      });
      await expect(failing).rejects.toThrow(/^Database migration 0011-alerts failed .*0010-sso applied\)/);
      expect(await appliedMigrations(database)).toEqual(latest.filter((name) => name < '0011'));
      expect(await listTables(database.db as unknown as AnyDb, dialect)).not.toContain('alert_rules');
    } finally {
      await database.close();
    }
  });

  it('a database holding a migration this code does not know is refused and left untouched', async () => {
    const database = await freshDatabase(dialect);
    try {
      await addUser(database);
      await database.db
        .insertInto('kysely_migration' as never)
        .values({ name: '0999-from-the-future', timestamp: '2030-01-01T00:00:00.000Z' })
        .execute();
      const before = await snapshot(database);
      const refused = migrate(database, { migrations: { ...migrations, '9000-broken': broken } });
      await expect(refused).rejects.toThrow(
        /was upgraded by a newer ArchNest: it has migration 0999-from-the-future that this version does not know/,
      );
      expect(await snapshot(database)).toEqual(before);
    } finally {
      await database.close();
    }
  });

  it(
    'the server refuses to start with one line naming the failed migration, and changes nothing',
    { timeout: 60_000 },
    async () => {
      const instance = await emptyInstance(dialect);
      const database = instance.open();
      try {
        await migrate(database, { target: '0010-sso' });
        await addUser(database);
        // Something in the way of the last table 0011-alerts creates: the tables it made before fail too.
        await sql`create table alert_reads (x integer)`.execute(database.db);
        const before = await snapshot(database);
        const result = await startServer(instance.env);
        expect(result.status).toBe(1);
        const lines = result.stderr.trim().split('\n');
        expect(lines, result.stderr).toHaveLength(1);
        expect(lines[0]).toMatch(
          /^ArchNest failed to start: Database migration 0011-alerts failed and was rolled back \(the database is as it was before 0011-alerts\): .*alert_reads.* already exists/,
        );
        expect(await snapshot(database)).toEqual(before);
        expect(await listTables(database.db as unknown as AnyDb, dialect)).not.toContain('alert_channels');

        // Without the obstacle the upgrade completes; then a migration from a newer release is refused.
        await sql`drop table alert_reads`.execute(database.db);
        expect(await migrateToLatest(database)).toEqual(latest.filter((n) => n >= '0011'));
        const newer = '0999-from-the-future';
        await database.db
          .insertInto('kysely_migration' as never)
          .values({ name: newer, timestamp: '2030-01-01T00:00:00.000Z' })
          .execute();
        const refused = await startServer(instance.env);
        expect(refused.status).toBe(1);
        const refusal = refused.stderr.trim().split('\n');
        expect(refusal, refused.stderr).toHaveLength(1);
        expect(refusal[0]).toMatch(
          new RegExp(
            `^ArchNest failed to start: The ${dialect} database .* was upgraded by a newer ArchNest: it has migration ${newer} that this version does not know\\. Run that version or later, or restore a backup taken before the upgrade; nothing was changed\\.$`,
          ),
        );
        expect(await appliedMigrations(database)).toEqual([...latest, newer]);
      } finally {
        await database.close();
      }
    },
  );
});

describe('several processes on one PostgreSQL', () => {
  it('starting at the same moment, exactly one of them applies the migrations', async () => {
    const instance = await emptyInstance('postgres');
    const databases = Array.from({ length: 4 }, () => instance.open());
    try {
      const results = await Promise.all(databases.map((d) => migrateToLatest(d)));
      expect(results.filter((ran) => ran.length > 0)).toEqual([latest]);
      expect(results.filter((ran) => ran.length === 0)).toHaveLength(3);
      expect(await appliedMigrations(databases[0]!)).toEqual(latest);
    } finally {
      await Promise.all(databases.map((d) => d.close()));
    }
  });
});
