import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { AuditPage, BackupFile, BackupSchedule, BackupScheduleInput } from '@archnest/contract';
import { decodeBackup } from '../../src/backup/backup-format';
import { restoreBackup } from '../../src/backup/restore';
import { ManualClock } from '../../src/clock';
import { openDatabase } from '../../src/db/database';
import { ADMIN, createUser, login, MEMBER_PASSWORD, setupAdmin } from '../helpers/accounts';
import { createTestApp, dialects, TEST_SECRET_KEY, type TestApp } from '../helpers/test-app';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-backup-schedule-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const HOUR = 3_600_000;

describe.each(dialects)('scheduled backups on %s', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  async function start() {
    const clock = new ManualClock(new Date('2026-03-01T10:00:00.000Z'));
    const dataDir = fs.mkdtempSync(path.join(tmp, 'data-'));
    t = await createTestApp({ dialect, clock, env: { ARCHNEST_DATA_DIR: dataDir } });
    const admin = await setupAdmin(t.app);
    const app = t.app;
    const call = async <T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => {
      const response = await app.inject({
        method,
        url,
        headers: { cookie: admin },
        ...(payload ? { payload } : {}),
      });
      return {
        status: response.statusCode,
        body: (String(response.headers['content-type']).startsWith('application/json')
          ? response.json()
          : null) as T,
        raw: response,
      };
    };
    const setSchedule = async (input: Partial<BackupScheduleInput>) => {
      const r = await call<BackupSchedule>('PUT', '/api/admin/backups/schedule', {
        enabled: true,
        intervalHours: 1,
        keep: 3,
        directory: null,
        withSecretKey: true,
        ...input,
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body;
    };
    const list = async () => (await call<BackupFile[]>('GET', '/api/admin/backups')).body;
    const audit = async (action: string) =>
      (await call<AuditPage>('GET', `/api/admin/audit?action=${action}`)).body.entries;
    return { t, clock, dataDir, admin, call, setSchedule, list, audit };
  }

  it('stores the schedule, rejects bad input and defaults to <data dir>/backups', async () => {
    const { call, setSchedule, dataDir, audit } = await start();
    const initial = await call<BackupSchedule>('GET', '/api/admin/backups/schedule');
    expect(initial.body).toMatchObject({
      enabled: false,
      intervalHours: 24,
      keep: 7,
      directory: null,
      effectiveDirectory: path.join(dataDir, 'backups'),
      lastRunAt: null,
      nextRunAt: null,
      running: false,
    });
    const saved = await setSchedule({ intervalHours: 6, keep: 4 });
    expect(saved).toMatchObject({
      enabled: true,
      intervalHours: 6,
      keep: 4,
      nextRunAt: '2026-03-01T16:00:00.000Z',
    });
    expect((await call<BackupSchedule>('GET', '/api/admin/backups/schedule')).body).toEqual(saved);
    expect(await audit('backup.schedule.updated')).toHaveLength(1);
    for (const bad of [
      { keep: 0 },
      { intervalHours: 0 },
      { directory: 'relative/dir' },
      { directory: '/srv/../etc' },
    ]) {
      const r = await call<{ error: string }>('PUT', '/api/admin/backups/schedule', { ...saved, ...bad });
      expect(r.status, JSON.stringify(bad)).toBe(400);
      expect(r.body.error).toBe('invalid_request');
    }
  });

  it('backs up now into a file that restores into an empty instance where the admin signs in', async () => {
    const { call, list, audit, dataDir, setSchedule } = await start();
    await setSchedule({ enabled: false });
    const made = await call<BackupFile>('POST', '/api/admin/backups');
    expect(made.status).toBe(201);
    expect(made.body.name).toBe('archnest-backup-20260301T100000.000Z.json.gz');
    const file = path.join(dataDir, 'backups', made.body.name);
    expect(fs.statSync(file).size).toBe(made.body.bytes);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(await list()).toEqual([made.body]);
    expect(await audit('backup.created')).toHaveLength(1);
    const schedule = (await call<BackupSchedule>('GET', '/api/admin/backups/schedule')).body;
    expect(schedule).toMatchObject({
      lastRunAt: '2026-03-01T10:00:00.000Z',
      lastStatus: 'ok',
      lastError: null,
      running: false,
    });

    // Downloaded bytes are the file's bytes; the document holds the key and every table.
    const download = await call('GET', `/api/admin/backups/${made.body.name}`);
    expect(download.status).toBe(200);
    expect(download.raw.headers['content-type']).toBe('application/gzip');
    expect(download.raw.headers['content-disposition']).toBe(`attachment; filename="${made.body.name}"`);
    expect(download.raw.rawPayload.equals(fs.readFileSync(file))).toBe(true);
    expect(await audit('backup.downloaded')).toHaveLength(1);
    const document = decodeBackup(download.raw.rawPayload, made.body.name);
    expect(document.secretKey).toBe(TEST_SECRET_KEY);
    expect(document.tables.backup_schedule?.[0]?.running_since).toBeNull();

    const target = fs.mkdtempSync(path.join(tmp, 'restore-'));
    const summary = await restoreBackup(document, {
      databaseUrl: undefined,
      dataDir: target,
      configuredKey: undefined,
    });
    expect(summary.rows).toBeGreaterThan(0);
    const restored = openDatabase({ sqliteFile: path.join(target, 'archnest.db') });
    const again = await createTestApp({ database: restored, env: { ARCHNEST_DATA_DIR: target } });
    try {
      const status = await again.app.inject({ method: 'GET', url: '/api/auth/status' });
      expect(status.json()).toMatchObject({ setupRequired: false });
      await login(again.app, ADMIN.username, ADMIN.password);
      const restoredSchedule = await again.app.inject({
        method: 'GET',
        url: '/api/admin/backups/schedule',
        headers: { cookie: await login(again.app, ADMIN.username, ADMIN.password) },
      });
      expect(restoredSchedule.json()).toMatchObject({ enabled: false, running: false });
    } finally {
      await again.close();
    }
  });

  it('runs one backup at a time when triggered in parallel, the scheduler included', async () => {
    const { t, call, list, setSchedule, clock } = await start();
    await setSchedule({ intervalHours: 1 });
    clock.advance(HOUR);
    const results = await Promise.all([
      ...Array.from({ length: 6 }, () => call<{ error: string }>('POST', '/api/admin/backups')),
      t.backupScheduler.tick().then(() => null),
    ]);
    const answers = results.filter((r) => r !== null);
    const created = answers.filter((r) => r.status === 201);
    const refused = answers.filter((r) => r.status === 409);
    const files = await list();
    // The scheduler's tick either won the lease (then every POST was refused) or lost it silently.
    expect(files).toHaveLength(1);
    expect(created.length + refused.length).toBe(6);
    expect(created.length).toBeLessThanOrEqual(1);
    for (const r of refused) expect(r.body.error).toBe('backup_running');
    const schedule = (await call<BackupSchedule>('GET', '/api/admin/backups/schedule')).body;
    expect(schedule.running).toBe(false);
    clock.advance(1000);
    expect((await call('POST', '/api/admin/backups')).status).toBe(201); // the lease is free again
  });

  it('honours a live lease (another replica) and takes over one left by a process that died', async () => {
    const { t, call, clock, list, setSchedule } = await start();
    await setSchedule({ enabled: false });
    const lease = (at: Date) =>
      t.database.db.updateTable('backup_schedule').set({ running_since: at.toISOString() }).execute();
    await lease(new Date(clock.now().getTime() - 60_000));
    const busy = await call<{ error: string }>('POST', '/api/admin/backups');
    expect(busy.status).toBe(409);
    expect(busy.body.error).toBe('backup_running');
    expect((await call<BackupSchedule>('GET', '/api/admin/backups/schedule')).body.running).toBe(true);
    expect(await list()).toEqual([]);
    await lease(new Date(clock.now().getTime() - 2 * HOUR));
    expect((await call('POST', '/api/admin/backups')).status).toBe(201);
    expect(await list()).toHaveLength(1);
  });

  it('the scheduler runs when due by its clock and keeps the newest N', async () => {
    const { t, clock, list, setSchedule, audit } = await start();
    await setSchedule({ intervalHours: 2, keep: 2 });
    await t.backupScheduler.tick();
    expect(await list()).toEqual([]);
    clock.advance(2 * HOUR - 1000);
    await t.backupScheduler.tick();
    expect(await list()).toEqual([]);
    const names: string[] = [];
    for (let i = 0; i < 4; i++) {
      clock.advance(i === 0 ? 1000 : 2 * HOUR);
      await t.backupScheduler.tick();
      await t.backupScheduler.tick(); // not due again until another interval has passed
      names.push((await list())[0]!.name);
    }
    expect(new Set(names).size).toBe(4);
    expect((await list()).map((f) => f.name)).toEqual([names[3], names[2]]);
    const created = await audit('backup.created');
    expect(created).toHaveLength(4);
    expect(created.every((e) => e.actorName === 'scheduler' && e.actorId === null)).toBe(true);
    expect(created[0]!.detail.pruned).toEqual([names[1]]);
    // Files that are not backups are never listed or pruned.
    const dir = path.join(t.config.dataDir, 'backups');
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'keep me');
    clock.advance(2 * HOUR);
    await t.backupScheduler.tick();
    expect(await list()).toHaveLength(2);
    expect(fs.readFileSync(path.join(dir, 'notes.txt'), 'utf8')).toBe('keep me');
  });

  it('shows and audits a failed run, then recovers', async () => {
    const { t, clock, call, setSchedule, audit } = await start();
    const blocker = path.join(tmp, `not-a-dir-${dialect}`);
    fs.writeFileSync(blocker, 'a file where a directory should be');
    await setSchedule({ directory: path.join(blocker, 'backups') });
    const failed = await call<{ error: string; message: string }>('POST', '/api/admin/backups');
    expect(failed.status).toBe(500);
    expect(failed.body.error).toBe('backup_failed');
    expect(failed.body.message).toMatch(/ENOTDIR/);
    clock.advance(HOUR);
    await t.backupScheduler.tick();
    const schedule = (await call<BackupSchedule>('GET', '/api/admin/backups/schedule')).body;
    expect(schedule).toMatchObject({ lastStatus: 'failed', running: false });
    expect(schedule.lastError).toMatch(/ENOTDIR/);
    const failures = await audit('backup.failed');
    expect(failures.map((e) => e.actorName).sort()).toEqual(['admin', 'scheduler']);
    await setSchedule({ directory: path.join(tmp, `recovered-${dialect}`) });
    expect((await call('POST', '/api/admin/backups')).status).toBe(201);
    expect((await call<BackupSchedule>('GET', '/api/admin/backups/schedule')).body.lastStatus).toBe('ok');
  });

  it('deletes, refuses names that are not backups, and never follows a link', async () => {
    const { call, list, audit, dataDir } = await start();
    const made = (await call<BackupFile>('POST', '/api/admin/backups')).body;
    const dir = path.join(dataDir, 'backups');
    for (const name of ['..%2Fsecret.key', 'secret.key', 'archnest-backup-x.json.gz']) {
      expect((await call('GET', `/api/admin/backups/${name}`)).status, name).toBe(400);
      expect((await call('DELETE', `/api/admin/backups/${name}`)).status, name).toBe(400);
    }
    const link = 'archnest-backup-20990101T000000.000Z.json.gz';
    fs.symlinkSync(path.join(dataDir, 'secret.key'), path.join(dir, link));
    expect((await call('GET', `/api/admin/backups/${link}`)).status).toBe(404);
    expect((await list()).map((f) => f.name)).toEqual([made.name]);
    expect((await call('DELETE', `/api/admin/backups/${made.name}`)).status).toBe(204);
    expect(fs.existsSync(path.join(dir, made.name))).toBe(false);
    expect((await call('DELETE', `/api/admin/backups/${made.name}`)).status).toBe(404);
    expect(await audit('backup.deleted')).toHaveLength(1);
  });

  it('is for admins only', async () => {
    const { t, admin } = await start();
    await createUser(t.app, admin, 'member1');
    const member = await login(t.app, 'member1', MEMBER_PASSWORD);
    for (const [method, url] of [
      ['GET', '/api/admin/backups/schedule'],
      ['GET', '/api/admin/backups'],
      ['POST', '/api/admin/backups'],
      ['GET', '/api/admin/backups/archnest-backup-20260301T100000.000Z.json.gz'],
      ['DELETE', '/api/admin/backups/archnest-backup-20260301T100000.000Z.json.gz'],
    ] as const) {
      const r = await t.app.inject({ method, url, headers: { cookie: member } });
      expect(r.statusCode, `${method} ${url}`).toBe(403);
    }
    expect(fs.existsSync(path.join(t.config.dataDir, 'backups'))).toBe(false);
  });
});
