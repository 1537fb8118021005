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

function adminWithInput(args: string[], env: Record<string, string>, input: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/admin.ts', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    input,
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

const admin = (args: string[], env: Record<string, string>) => adminWithInput(args, env, '');

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

/** A small backup of a SQLite instance made through the command line, plus its data directory. */
function smallInstance(): { env: Record<string, string>; dataDir: string } {
  const dataDir = fs.mkdtempSync(path.join(tmp, 'source-'));
  const env = { ARCHNEST_DATA_DIR: dataDir };
  const created = adminWithInput(['create-admin', 'rescue', '--password-stdin'], env, 'chosen-by-hand-55\n');
  expect(created.code, created.err).toBe(0);
  return { env, dataDir };
}

async function signInWorks(env: Record<string, string>, password: string): Promise<boolean> {
  const config = loadConfig(env);
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    sqliteFile: path.join(config.dataDir, 'archnest.db'),
  });
  await migrateToLatest(database);
  const { app } = await buildApp({ config, database });
  try {
    await login(app, 'rescue', password);
    return true;
  } catch {
    return false;
  } finally {
    await app.close();
    await database.close();
  }
}

describe('restore refuses what it cannot do cleanly, and changes nothing', () => {
  it.each(dialects)('a %s target that is not empty is refused and left as it was', async (dialect) => {
    const target = await emptyTarget(dialect);
    const database = target.open();
    await migrateToLatest(database);
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
    const before = sorted(await readTables(anyDb(database), dialect));
    const backup = await createBackup(database, { secretKey: randomBytes(32) });
    const refused = restoreBackup(backup, {
      databaseUrl: target.databaseUrl,
      dataDir: target.dataDir,
      configuredKey: undefined,
    });
    await expect(refused).rejects.toThrow(/is not empty .* Nothing was changed/);
    expect(sorted(await readTables(anyDb(database), dialect))).toEqual(before);
    expect(fs.existsSync(path.join(target.dataDir, 'secret.key'))).toBe(false);
    await database.close();
  });

  it.each(dialects)(
    'on %s: a key mismatch, a newer backup or a failing row leave the target empty',
    async (dialect) => {
      const source = await createTestApp({ dialect: 'sqlite' });
      await fillSome(source);
      const backup = await createBackup(source.database, { secretKey: randomBytes(32) });
      await source.close();
      const target = await emptyTarget(dialect);
      const into = (doc: typeof backup, configuredKey?: string) =>
        restoreBackup(doc, { databaseUrl: target.databaseUrl, dataDir: target.dataDir, configuredKey });
      const tableCount = async () => {
        if (dialect === 'sqlite' && !fs.existsSync(path.join(target.dataDir, 'archnest.db'))) return 0;
        const database = target.open();
        const count = await allTables(database);
        await database.close();
        return count;
      };

      await expect(into(backup, TEST_SECRET_KEY)).rejects.toThrow(
        /ARCHNEST_SECRET_KEY differs from the key in the backup/,
      );
      await expect(
        into({ ...backup, migrations: [...backup.migrations, '0099-from-the-future'] }),
      ).rejects.toMatchObject({
        exitCode: 2,
        message: expect.stringContaining('made by a newer ArchNest') as unknown,
      });
      // Sessions (inserted after users) fail on a column no migration made: the users go too.
      const broken = structuredClone(backup);
      expect(broken.tables.sessions!.length).toBeGreaterThan(0);
      broken.tables.sessions![0]!.no_such_column = 'x';
      await expect(into(broken)).rejects.toThrow(/Restore failed and was undone/);
      expect(await tableCount()).toBe(0);
      expect(fs.existsSync(path.join(target.dataDir, 'secret.key'))).toBe(false);

      // The same target then takes the intact backup; the environment's matching key writes no file.
      const summary = await into(backup, backup.secretKey);
      expect(summary.rows).toBeGreaterThan(0);
      expect(summary.key).toBe('ARCHNEST_SECRET_KEY');
      expect(fs.existsSync(path.join(target.dataDir, 'secret.key'))).toBe(false);
    },
  );
});

async function fillSome(t: Awaited<ReturnType<typeof createTestApp>>): Promise<void> {
  const setup = await t.app.inject({
    method: 'POST',
    url: '/api/auth/setup',
    payload: { username: 'rescue', password: 'correct-horse-42' },
  });
  expect(setup.statusCode).toBe(201);
}

/** Tables in a database, kysely's own included. */
async function allTables(database: Database): Promise<number> {
  return (await database.db.introspection.getTables({ withInternalKyselyTables: true })).length;
}

describe('a SQLite backup while writes run', () => {
  it(
    'holds a consistent snapshot: every transaction is in it whole or not at all',
    { timeout: 60_000 },
    async () => {
      const dataDir = fs.mkdtempSync(path.join(tmp, 'busy-'));
      const file = path.join(dataDir, 'archnest.db');
      const database = openDatabase({ sqliteFile: file });
      await migrateToLatest(database);
      // Another process writes like a running server: each transaction adds one row to two tables.
      const writer = spawn(
        process.execPath,
        [
          '-e',
          `const db = new (require('better-sqlite3'))(process.argv[1]);
         db.pragma('journal_mode = WAL'); db.pragma('busy_timeout = 5000');
         const a = db.prepare("insert into audit_log (at, actor_name, action, target_type, detail, ip) values (?, 'w', 'write', 'x', ?, '')");
         const l = db.prepare("insert into login_audit (at, username, ip, user_agent, success, reason) values (?, 'w', '', '', 1, ?)");
         const both = db.transaction((i) => { const at = new Date().toISOString(); a.run(at, String(i)); l.run(at, String(i)); });
         let i = 0; const until = Date.now() + 8000;
         process.stdout.write('ready\\n');
         while (Date.now() < until) both(i++);`,
          file,
        ],
        { cwd: path.join(root, 'server'), stdio: ['ignore', 'pipe', 'inherit'] },
      );
      await new Promise<void>((resolve) => writer.stdout.once('data', () => resolve()));
      const counts: number[] = [];
      try {
        for (let round = 0; round < 3; round++) {
          await new Promise((resolve) => setTimeout(resolve, 300));
          const backup = await createBackup(database, { secretKey: undefined });
          const audit = backup.tables.audit_log!.map((r) => r.detail).sort();
          const logins = backup.tables.login_audit!.map((r) => r.reason).sort();
          expect(audit).toEqual(logins);
          counts.push(audit.length);
        }
      } finally {
        writer.kill();
        await database.close();
      }
      // The writer really wrote while the backups were taken.
      expect(counts[0]).toBeGreaterThan(0);
      expect(counts[2]).toBeGreaterThan(counts[0]!);
    },
  );
});

describe.each(dialects)('npm run admin backup / restore on %s', (dialect) => {
  it(
    'round trips through the command line, with exit codes and clear refusals',
    { timeout: 120_000 },
    async () => {
      const { env: sourceEnv } = smallInstance();
      const file = path.join(fs.mkdtempSync(path.join(tmp, 'cli-')), 'archnest.backup');

      const made = admin(['backup', file], sourceEnv);
      expect(made.err).toBe('');
      expect(made.code).toBe(0);
      expect(made.out).toContain(`written to ${file}`);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const original = fs.readFileSync(file);
      expect(decodeBackup(original, file).secretKey).toBeDefined();

      const again = admin(['backup', file], sourceEnv);
      expect(again.code).toBe(1);
      expect(again.err).toContain('already exists; choose another name or pass --force');
      expect(fs.readFileSync(file).equals(original)).toBe(true);

      const noKey = admin(['backup', file, '--no-secret-key', '--force'], sourceEnv);
      expect(noKey.code).toBe(0);
      expect(noKey.err).toContain('WARNING: this backup does NOT hold the instance secret key');
      expect(decodeBackup(fs.readFileSync(file), file).secretKey).toBeUndefined();
      expect(fs.readdirSync(path.dirname(file))).toEqual(['archnest.backup']);
      expect(admin(['backup', file, '--force'], sourceEnv).code).toBe(0);

      const target = await emptyTarget(dialect);
      const restored = admin(['restore', file], target.env);
      expect(restored.err).toBe('');
      expect(restored.code).toBe(0);
      expect(restored.out).toContain(`into the ${dialect} database`);
      expect(await signInWorks(target.env, 'chosen-by-hand-55')).toBe(true);

      const twice = admin(['restore', file], target.env);
      expect(twice.code).toBe(1);
      expect(twice.err).toContain('is not empty');

      const fresh = await emptyTarget(dialect);
      const bad = (name: string, bytes: Buffer) => {
        const badFile = path.join(tmp, name);
        fs.writeFileSync(badFile, bytes);
        const result = admin(['restore', badFile], fresh.env);
        expect(result.code).toBe(2);
        expect(result.err.trim().split('\n')).toHaveLength(1);
        return result.err;
      };
      expect(bad('random', randomBytes(500))).toContain('is not an ArchNest backup');
      expect(bad('truncated', original.subarray(0, original.length - 20))).toContain('truncated');
      expect(bad('other-json', gzipSync('{"hello":"world"}'))).toContain('no backup header');
      expect(bad('future', gzipSync('{"format":"archnest-backup","formatVersion":2}'))).toContain(
        'backup format version 2',
      );
      const missing = admin(['restore', path.join(tmp, 'does-not-exist')], fresh.env);
      expect(missing.code).toBe(2);
      expect(admin(['backup'], sourceEnv).code).toBe(2);
      expect(admin(['restore', file, '--force'], fresh.env).code).toBe(2);
      // None of the refused restores touched the fresh target.
      expect(fs.readdirSync(fresh.dataDir)).toEqual([]);
    },
  );
});
