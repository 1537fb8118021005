import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { openDatabase } from '../../src/db/database';
import { migrateToLatest } from '../../src/db/migrate';
import { login } from '../helpers/accounts';
import { TEST_SECRET_KEY } from '../helpers/test-app';
import { systemClock } from '../../src/clock';
import { enrolTwoFactor } from '../helpers/two-factor';

const root = path.resolve(import.meta.dirname, '../../..');

function admin(args: string[], env: Record<string, string>, input?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/cli/admin.ts', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    input: input ?? '',
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

async function signInWorks(
  env: Record<string, string>,
  username: string,
  password: string,
): Promise<boolean> {
  const config = loadConfig(env);
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    sqliteFile: path.join(config.dataDir, 'archnest.db'),
  });
  await migrateToLatest(database);
  const { app } = await buildApp({ config, database });
  try {
    await login(app, username, password);
    return true;
  } catch {
    return false;
  } finally {
    await app.close();
    await database.close();
  }
}

async function turnOnTwoFactor(
  env: Record<string, string>,
  username: string,
  password: string,
): Promise<void> {
  const config = loadConfig(env);
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    sqliteFile: path.join(config.dataDir, 'archnest.db'),
  });
  const { app } = await buildApp({ config, database });
  try {
    await enrolTwoFactor(app, await login(app, username, password), systemClock);
  } finally {
    await app.close();
    await database.close();
  }
}

async function postgresEnv(): Promise<Record<string, string>> {
  const url = inject('postgresUrl');
  const name = `cli_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  return {
    DATABASE_URL: url.replace(/\/postgres$/, `/${name}`),
    ARCHNEST_DATA_DIR: '/nonexistent',
    ARCHNEST_SECRET_KEY: TEST_SECRET_KEY,
  };
}

describe.each(['sqlite', 'postgres'])('npm run admin on %s', (dialect) => {
  it('creates an admin, resets a password (generated or from stdin), and explains failures', async () => {
    const env =
      dialect === 'sqlite'
        ? { ARCHNEST_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-cli-')) }
        : await postgresEnv();

    const created = admin(['create-admin', 'rescue'], env);
    expect(created.err).toBe('');
    expect(created.code).toBe(0);
    expect(created.out).toContain(`Admin "rescue" was created in the ${dialect} database`);
    const generated = /New password: (\S+)/.exec(created.out)?.[1];
    expect(generated).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await signInWorks(env, 'rescue', generated!)).toBe(true);

    const reset = admin(['reset-password', 'rescue', '--password-stdin'], env, 'chosen-by-hand-55\n');
    expect(reset.code).toBe(0);
    expect(reset.out).toContain('Password of admin "rescue" was reset');
    expect(reset.out).not.toContain('New password');
    expect(await signInWorks(env, 'rescue', 'chosen-by-hand-55')).toBe(true);
    expect(await signInWorks(env, 'rescue', generated!)).toBe(false);

    const missing = admin(['reset-password', 'ghost'], env);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('No user named "ghost"');
    const weak = admin(['reset-password', 'rescue', '--password-stdin'], env, 'abc');
    expect(weak.code).toBe(1);
    expect(weak.err).toContain('Choose a stronger password');

    const usage = admin(['drop-tables'], env);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('Usage:');
  });

  // Spawning the command three times through tsx takes a while on a busy machine.
  it('turns off a locked-out user’s two-factor', { timeout: 90_000 }, async () => {
    const env =
      dialect === 'sqlite'
        ? { ARCHNEST_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-cli-')) }
        : await postgresEnv();
    const created = admin(['create-admin', 'rescue', '--password-stdin'], env, 'chosen-by-hand-55\n');
    expect(created.code).toBe(0);

    // Device and recovery codes lost: the command line turns two-factor off.
    await turnOnTwoFactor(env, 'rescue', 'chosen-by-hand-55');
    expect(await signInWorks(env, 'rescue', 'chosen-by-hand-55')).toBe(false);
    const off = admin(['reset-two-factor', 'rescue'], env);
    expect(off.err).toBe('');
    expect(off.code).toBe(0);
    expect(off.out).toContain('Two-factor sign-in of admin "rescue" was turned off');
    expect(off.out).not.toContain('New password');
    expect(await signInWorks(env, 'rescue', 'chosen-by-hand-55')).toBe(true);
    const notOn = admin(['reset-two-factor', 'rescue'], env);
    expect(notOn.code).toBe(1);
    expect(notOn.err).toContain('not turned on');
  });
});
