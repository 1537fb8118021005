import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '@archnest/test-support';
import { buildApp } from '../../src/app';
import type { TableRows } from '../../src/backup/backup-format';
import { listTables, readTables, type AnyDb } from '../../src/backup/database-tables';
import { loadConfig } from '../../src/config';
import { openDatabase, type Database } from '../../src/db/database';
import { login, MEMBER_PASSWORD } from '../helpers/accounts';
import { fillEveryTable, HOST_PASSWORD, KEY_PASSPHRASE } from '../helpers/fill-every-table';
import { createTestApp, TEST_SECRET_KEY } from '../helpers/test-app';

const root = path.resolve(import.meta.dirname, '../../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-to-pg-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const anyDb = (database: Database) => database.db as unknown as AnyDb;

async function newPostgresUrl(): Promise<string> {
  const adminUrl = inject('postgresUrl');
  const name = `topg_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  return adminUrl.replace(/\/postgres$/, `/${name}`);
}

function admin(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/admin.ts', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

function sorted(tables: Record<string, TableRows>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(tables).map(([name, rows]) => [
      name,
      rows
        .map((row) =>
          JSON.stringify(Object.fromEntries(Object.entries(row).sort(([a], [b]) => a.localeCompare(b)))),
        )
        .sort(),
    ]),
  );
}

/** A SQLite instance on disk with a row in every table and its key in `<data dir>/secret.key`. */
async function filledSqliteInstance() {
  const dataDir = fs.mkdtempSync(path.join(tmp, 'data-'));
  fs.writeFileSync(path.join(dataDir, 'secret.key'), `${TEST_SECRET_KEY}\n`, { mode: 0o600 });
  const t = await createTestApp({
    sqliteFile: path.join(dataDir, 'archnest.db'),
    env: { ARCHNEST_EDITION: 'pro' },
  });
  const filled = await fillEveryTable(t);
  const tables = await listTables(anyDb(t.database), 'sqlite');
  const rows = await readTables(anyDb(t.database), 'sqlite');
  expect(tables.filter((name) => !rows[name]?.length)).toEqual([]);
  await t.close();
  return { dataDir, filled, rows, env: { ARCHNEST_DATA_DIR: dataDir } };
}

describe('npm run admin -- migrate-to-postgres', () => {
  it(
    'copies every table of a filled SQLite instance, verifies counts, and the copy runs with the same key',
    { timeout: 120_000 },
    async () => {
      const source = await filledSqliteInstance();
      const url = await newPostgresUrl();

      const copied = admin(['migrate-to-postgres', url], source.env);
      expect(copied.code, copied.err).toBe(0);
      const total = Object.values(source.rows).reduce((n, rows) => n + rows.length, 0);
      expect(copied.out).toContain(
        `: ${Object.keys(source.rows).length} tables, ${total} rows, row counts verified.`,
      );
      expect(copied.out).toMatch(/^ {2}users +3$/m);
      expect(copied.out).toContain(`keep ${path.join(source.dataDir, 'secret.key')} and set DATABASE_URL`);
      expect(copied.out + copied.err).not.toContain(TEST_SECRET_KEY);

      const target = openDatabase({ databaseUrl: url });
      try {
        // Every row of every table, cell for cell (sealed columns hold the same ciphertext).
        expect(sorted(await readTables(anyDb(target), 'postgres'))).toEqual(sorted(source.rows));
        // The instance now starts on PostgreSQL with the key file it always had.
        const config = loadConfig({ ...source.env, DATABASE_URL: url, ARCHNEST_EDITION: 'pro' });
        const { app, services } = await buildApp({ config, database: target });
        try {
          const plan = JSON.stringify(await services.hosts.connectionPlan(source.filled.passwordHostId));
          expect(plan).toContain(HOST_PASSWORD);
          expect(JSON.stringify(await services.hosts.connectionPlan(source.filled.keyHostId))).toContain(
            KEY_PASSPHRASE,
          );
          await login(app, 'alice', MEMBER_PASSWORD);
          const ids = await target.db.selectFrom('login_audit').select('id').execute();
          expect(new Set(ids.map((r) => r.id)).size).toBe(ids.length);
          expect(ids.length).toBe(source.rows.login_audit!.length + 1);
        } finally {
          await app.close();
        }
        // The SQLite database was only read.
        const sqlite = openDatabase({ sqliteFile: path.join(source.dataDir, 'archnest.db') });
        expect(sorted(await readTables(anyDb(sqlite), 'sqlite'))).toEqual(sorted(source.rows));
        await sqlite.close();

        // A second run finds the database in use and changes nothing.
        const before = sorted(await readTables(anyDb(target), 'postgres'));
        const again = admin(['migrate-to-postgres', url], source.env);
        expect(again.code).toBe(1);
        expect(again.err.trim()).toMatch(
          /^The PostgreSQL database postgres:\/\/127\.0\.0\.1:\d+\/topg_\w+ is not empty \(\d+ tables\); migrate-to-postgres copies only into a new, empty database\. Nothing was changed\.$/,
        );
        expect(sorted(await readTables(anyDb(target), 'postgres'))).toEqual(before);
      } finally {
        await target.close();
      }
    },
  );

  // Six command-line runs, each a fresh Node.js process.
  it('refuses what it cannot do with a clear line and an exit code', { timeout: 120_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(tmp, 'empty-'));
    const url = await newPostgresUrl();
    const noSource = admin(['migrate-to-postgres', url], { ARCHNEST_DATA_DIR: dataDir });
    expect(noSource.code).toBe(1);
    expect(noSource.err.trim()).toBe(
      `There is no ArchNest database at ${path.join(dataDir, 'archnest.db')} to copy.`,
    );

    const onPostgres = admin(['migrate-to-postgres', url], { ARCHNEST_DATA_DIR: dataDir, DATABASE_URL: url });
    expect(onPostgres.code).toBe(1);
    expect(onPostgres.err).toContain('DATABASE_URL is set: this instance already runs on PostgreSQL.');

    const notPostgres = admin(['migrate-to-postgres', 'mysql://u:pw@h/db'], { ARCHNEST_DATA_DIR: dataDir });
    expect(notPostgres.code).toBe(2);
    expect(notPostgres.err.trim()).toBe('mysql://u:***@h/db is not a postgres:// or postgresql:// URL.');

    const usage = admin(['migrate-to-postgres'], { ARCHNEST_DATA_DIR: dataDir });
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('npm run admin -- migrate-to-postgres <postgres-url>');

    const source = admin(['create-admin', 'rescue'], { ARCHNEST_DATA_DIR: dataDir });
    expect(source.code, source.err).toBe(0);
    const port = await freePort();
    const unreachable = admin(['migrate-to-postgres', `postgres://postgres:pw-77@127.0.0.1:${port}/x`], {
      ARCHNEST_DATA_DIR: dataDir,
    });
    expect(unreachable.code).toBe(1);
    expect(unreachable.err.trim()).toMatch(
      new RegExp(`^Cannot use the PostgreSQL database postgres://127\\.0\\.0\\.1:${port}/x: .*ECONNREFUSED`),
    );
    expect(unreachable.err).not.toContain('pw-77');
  });
});
