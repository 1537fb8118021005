import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { expect, inject, it } from 'vitest';
import { dumpPostgres, UPGRADE_FIXTURES_DIR, type UpgradeFixtureManifest } from '@archnest/test-support';
import { listTables, readTables, type AnyDb } from '../../src/backup/database-tables';
import { openDatabase, type Database, type Dialect } from '../../src/db/database';
import { appliedMigrations, migrateToLatest } from '../../src/db/migrate';
import { ARCHNEST_VERSION } from '../../src/version';
import { fillEveryTable, type Filled } from '../helpers/fill-every-table';
import { createTestApp, TEST_SECRET_KEY } from '../helpers/test-app';

/**
 * Captures the data of this release for the upgrade test: a SQLite database and a PostgreSQL dump,
 * each with a row in every table, made through the API like a real instance. Run at each release by
 * `node scripts/capture-upgrade-fixture.mjs`; an existing release folder is never overwritten.
 */
const version = process.env.ARCHNEST_FIXTURE_VERSION ?? ARCHNEST_VERSION;

async function counts(database: Database, dialect: Dialect): Promise<Record<string, number>> {
  const tables = await readTables(database.db as unknown as AnyDb, dialect);
  const empty = (await listTables(database.db as unknown as AnyDb, dialect)).filter(
    (t) => !tables[t]?.length,
  );
  expect(empty, 'fill-every-table.ts must fill every table').toEqual([]);
  return Object.fromEntries(Object.entries(tables).map(([t, rows]) => [t, rows.length]));
}

async function fill(database: Database): Promise<Filled> {
  const t = await createTestApp({ database, env: { ARCHNEST_EDITION: 'pro' } });
  try {
    return await fillEveryTable(t);
  } finally {
    await t.app.close();
  }
}

it(`captures the upgrade fixture of ArchNest ${version}`, async () => {
  const dir = path.join(UPGRADE_FIXTURES_DIR, version);
  expect(fs.existsSync(dir), `${dir} exists already; a captured release is never replaced`).toBe(false);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-fixture-'));
  try {
    // SQLite: filled, then copied with VACUUM INTO so the fixture is one file without a WAL.
    const sqlite = openDatabase({ sqliteFile: path.join(work, 'live.db') });
    await migrateToLatest(sqlite);
    const sqliteHosts = await fill(sqlite);
    const sqliteRows = await counts(sqlite, 'sqlite');
    const migrations = await appliedMigrations(sqlite);
    const sqliteCopy = path.join(work, 'archnest.db');
    await sql`vacuum into ${sqliteCopy}`.execute(sqlite.db);
    await sqlite.close();

    // PostgreSQL: a new database in the suite's cluster, filled, then dumped as plain SQL.
    const adminUrl = inject('postgresUrl');
    const name = `fixture_${randomBytes(4).toString('hex')}`;
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(`CREATE DATABASE ${name}`);
    await client.end();
    const url = adminUrl.replace(/\/postgres$/, `/${name}`);
    const postgres = openDatabase({ databaseUrl: url });
    await migrateToLatest(postgres);
    const postgresHosts = await fill(postgres);
    const postgresRows = await counts(postgres, 'postgres');
    await postgres.close();
    const dump = path.join(work, 'postgres.sql');
    dumpPostgres(url, dump);

    const manifest: UpgradeFixtureManifest = {
      archnestVersion: version,
      capturedAt: new Date().toISOString(),
      migrations,
      secretKey: TEST_SECRET_KEY,
      rows: { sqlite: sqliteRows, postgres: postgresRows },
      hosts: { sqlite: sqliteHosts, postgres: postgresHosts },
    };
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(sqliteCopy, path.join(dir, 'archnest.db'));
    fs.copyFileSync(dump, path.join(dir, 'postgres.sql'));
    fs.writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    console.log(`Captured the upgrade fixture of ArchNest ${version} in ${dir}`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});
