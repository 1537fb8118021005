import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/app';
import { createBackup, writeBackupFile } from '../../src/backup/backup';
import { decodeBackup, type TableRows } from '../../src/backup/backup-format';
import { listTables, readTables, type AnyDb } from '../../src/backup/database-tables';
import { restoreBackup } from '../../src/backup/restore';
import { loadConfig } from '../../src/config';
import { openDatabase, type Database, type Dialect } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';
import { login, MEMBER_PASSWORD } from '../helpers/accounts';
import { fillEveryTable, HOST_PASSWORD, KEY_PASSPHRASE } from '../helpers/fill-every-table';
import { createTestApp, dialects, TEST_SECRET_KEY } from '../helpers/test-app';

const root = path.resolve(import.meta.dirname, '../../..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-backup-test-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const anyDb = (database: Database) => database.db as unknown as AnyDb;

async function newPostgresUrl(): Promise<string> {
  const adminUrl = inject('postgresUrl');
  const name = `bk_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  return adminUrl.replace(/\/postgres$/, `/${name}`);
}

/** A new, empty target: a data directory for SQLite, or a new database (its key in a data dir). */
async function emptyTarget(dialect: Dialect) {
  const dataDir = fs.mkdtempSync(path.join(tmp, 'target-'));
  const databaseUrl = dialect === 'postgres' ? await newPostgresUrl() : undefined;
  const env: Record<string, string> = { ARCHNEST_DATA_DIR: dataDir, ARCHNEST_EDITION: 'pro' };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  const open = () => openDatabase({ databaseUrl, sqliteFile: path.join(dataDir, 'archnest.db') });
  return { dataDir, databaseUrl, env, open };
}

/** Rows of every table, each table's rows sorted, so two databases compare cell by cell. */
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

function admin(args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/admin.ts', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe.each(dialects)('backup of a filled %s database', (source) => {
  it(
    'fills every table, restores into SQLite and PostgreSQL with identical rows, and sealed secrets open',
    { timeout: 120_000 },
    async () => {
      const t = await createTestApp({ dialect: source, env: { ARCHNEST_EDITION: 'pro' } });
      try {
        const filled = await fillEveryTable(t);
        // A table added later without a fill above fails here.
        const tables = await listTables(anyDb(t.database), source);
        expect(tables.length).toBeGreaterThanOrEqual(27);
        const before = await readTables(anyDb(t.database), source);
        const emptyTables = tables.filter((name) => (before[name]?.length ?? 0) === 0);
        expect(emptyTables).toEqual([]);

        const document = await createBackup(t.database, {
          secretKey: Buffer.from(TEST_SECRET_KEY, 'base64'),
        });
        expect(document.dialect).toBe(source);
        expect(document.secretKey).toBe(TEST_SECRET_KEY);
        expect(document.migrations).toContain('0010-sso');
        expect(Object.keys(document.tables).sort()).toEqual(tables);
        const file = path.join(tmp, `filled-${source}.archnest-backup`);
        writeBackupFile(file, document, false);
        expect(fs.statSync(file).mode & 0o777).toBe(0o600);
        const read = decodeBackup(fs.readFileSync(file), file);

        for (const targetDialect of dialects) {
          const target = await emptyTarget(targetDialect);
          const summary = await restoreBackup(read, {
            databaseUrl: target.databaseUrl,
            dataDir: target.dataDir,
            configuredKey: undefined,
          });
          expect(summary.rows).toBe(Object.values(before).reduce((n, rows) => n + rows.length, 0));
          const keyFile = path.join(target.dataDir, 'secret.key');
          expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
          expect(fs.readFileSync(keyFile, 'utf8').trim()).toBe(TEST_SECRET_KEY);

          const restored = target.open();
          try {
            expect(sorted(await readTables(anyDb(restored), targetDialect))).toEqual(sorted(before));
            // The restored instance runs: sealed secrets open with the restored key file, sign-in works,
            // and new rows get fresh ids after the restored ones (PostgreSQL sequences moved on).
            const config = loadConfig(target.env);
            const { app, services } = await buildApp({ config, database: restored });
            try {
              const plan = JSON.stringify(await services.hosts.connectionPlan(filled.passwordHostId));
              expect(plan).toContain(HOST_PASSWORD);
              expect(JSON.stringify(await services.hosts.connectionPlan(filled.keyHostId))).toContain(
                KEY_PASSPHRASE,
              );
              await login(app, 'alice', MEMBER_PASSWORD);
              const ids = await restored.db.selectFrom('login_audit').select('id').execute();
              expect(new Set(ids.map((r) => r.id)).size).toBe(ids.length);
              expect(ids.length).toBe(before.login_audit!.length + 1);
            } finally {
              await app.close();
            }
          } finally {
            await restored.close();
          }
        }
      } finally {
        await t.close();
      }
    },
  );
});
