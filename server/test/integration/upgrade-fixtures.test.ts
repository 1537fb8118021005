import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { listUpgradeFixtures, loadPostgresDump, type UpgradeFixture } from '@archnest/test-support';
import { buildApp } from '../../src/app';
import { readTables, type AnyDb } from '../../src/backup/database-tables';
import type { TableRows } from '../../src/backup/backup-format';
import { loadConfig } from '../../src/config';
import { openDatabase, type Database, type Dialect } from '../../src/db/database';
import { appliedMigrations, migrateToLatest } from '../../src/db/migrate';
import { migrations } from '../../src/db/migrations';
import { login, MEMBER_PASSWORD } from '../helpers/accounts';
import { HOST_PASSWORD, KEY_PASSPHRASE } from '../helpers/fill-every-table';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-upgrade-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const fixtures = listUpgradeFixtures();

async function newPostgresUrl(): Promise<string> {
  const adminUrl = inject('postgresUrl');
  const name = `up_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  return adminUrl.replace(/\/postgres$/, `/${name}`);
}

/** The fixture's data opened as the released version left it (a copy; the fixture stays untouched). */
async function openFixture(fixture: UpgradeFixture, dialect: Dialect): Promise<Database> {
  if (dialect === 'sqlite') {
    const file = path.join(fs.mkdtempSync(path.join(tmp, 'sqlite-')), 'archnest.db');
    fs.copyFileSync(fixture.sqliteFile, file);
    return openDatabase({ sqliteFile: file });
  }
  const url = await newPostgresUrl();
  loadPostgresDump(url, fixture.postgresDump);
  return openDatabase({ databaseUrl: url });
}

/** Each row restricted to the columns the old release had: new migrations may only add columns. */
function project(rows: TableRows, like: TableRows): string[] {
  const columns = Object.keys(like[0] ?? {}).sort();
  return rows.map((row) => JSON.stringify(columns.map((c) => [c, row[c]]))).sort();
}

describe('upgrade from the data of every earlier release', () => {
  it('has a captured fixture for at least one release', () => {
    expect(fixtures.length).toBeGreaterThan(0);
    for (const fixture of fixtures) {
      expect(fs.existsSync(fixture.sqliteFile), fixture.sqliteFile).toBe(true);
      expect(fs.existsSync(fixture.postgresDump), fixture.postgresDump).toBe(true);
      // Every migration a release applied is still shipped (released migrations are never removed).
      for (const name of fixture.manifest.migrations) expect(Object.keys(migrations)).toContain(name);
    }
  });

  for (const fixture of fixtures) {
    describe.each(['sqlite', 'postgres'] as const)(`ArchNest ${fixture.version} on %s`, (dialect) => {
      it(
        'migrates to this version with every row and value kept, sealed secrets open and sign-in works',
        { timeout: 120_000 },
        async () => {
          const database = await openFixture(fixture, dialect);
          try {
            const db = database.db as unknown as AnyDb;
            const before = await readTables(db, dialect);
            // The fixture is what the manifest says: every table filled, the release's migrations.
            const counts = Object.fromEntries(Object.entries(before).map(([t, rows]) => [t, rows.length]));
            expect(counts).toEqual(fixture.manifest.rows[dialect]);
            expect(Object.values(counts).every((n) => n > 0)).toBe(true);
            expect(await appliedMigrations(database)).toEqual(fixture.manifest.migrations);

            const ran = await migrateToLatest(database);
            expect(ran).toEqual(
              Object.keys(migrations)
                .filter((name) => !fixture.manifest.migrations.includes(name))
                .sort(),
            );
            expect(await appliedMigrations(database)).toEqual(Object.keys(migrations).sort());

            const after = await readTables(db, dialect);
            for (const [table, rows] of Object.entries(before)) {
              expect(after[table], `table ${table} is gone`).toBeDefined();
              expect(after[table]!.length, `rows of ${table}`).toBe(rows.length);
              expect(project(after[table]!, rows), `values of ${table}`).toEqual(project(rows, rows));
            }

            // The upgraded instance runs on the fixture's key: secrets open, the fixture's users sign in.
            const config = loadConfig({
              ARCHNEST_DATA_DIR: '/nonexistent',
              ARCHNEST_SECRET_KEY: fixture.manifest.secretKey,
              ARCHNEST_EDITION: 'pro',
            });
            const { app, services } = await buildApp({ config, database });
            try {
              const hosts = fixture.manifest.hosts[dialect];
              expect(JSON.stringify(await services.hosts.connectionPlan(hosts.passwordHostId))).toContain(
                HOST_PASSWORD,
              );
              expect(JSON.stringify(await services.hosts.connectionPlan(hosts.keyHostId))).toContain(
                KEY_PASSPHRASE,
              );
              await login(app, 'alice', MEMBER_PASSWORD);
            } finally {
              await app.close();
            }
          } finally {
            await database.close();
          }
        },
      );
    });
  }
});
