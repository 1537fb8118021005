import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Data made by released ArchNest versions, one folder per release under `test-support/fixtures/upgrade/`:
 * `archnest.db` (a SQLite database with a row in every table), `postgres.sql` (a `pg_dump` of the same
 * kind of instance on PostgreSQL) and `manifest.json` (the version, its migrations, row counts, the
 * instance key the secrets are sealed with and ids the upgrade test looks up).
 */
export const UPGRADE_FIXTURES_DIR = path.resolve(import.meta.dirname, '../fixtures/upgrade');

export interface UpgradeFixtureManifest {
  archnestVersion: string;
  capturedAt: string;
  migrations: string[];
  /** The base64 instance key every sealed secret in the fixture was sealed with (a test key). */
  secretKey: string;
  /** Rows per table, for each database. */
  rows: { sqlite: Record<string, number>; postgres: Record<string, number> };
  /** Ids of a password host and a key host, per database (their sealed secrets must still open). */
  hosts: { sqlite: FixtureHosts; postgres: FixtureHosts };
}

export interface FixtureHosts {
  passwordHostId: string;
  keyHostId: string;
}

export interface UpgradeFixture {
  version: string;
  dir: string;
  sqliteFile: string;
  postgresDump: string;
  manifest: UpgradeFixtureManifest;
}

/** Every captured release, oldest first. */
export function listUpgradeFixtures(): UpgradeFixture[] {
  if (!fs.existsSync(UPGRADE_FIXTURES_DIR)) return [];
  return fs
    .readdirSync(UPGRADE_FIXTURES_DIR)
    .filter((name) => fs.existsSync(path.join(UPGRADE_FIXTURES_DIR, name, 'manifest.json')))
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((version) => {
      const dir = path.join(UPGRADE_FIXTURES_DIR, version);
      return {
        version,
        dir,
        sqliteFile: path.join(dir, 'archnest.db'),
        postgresDump: path.join(dir, 'postgres.sql'),
        manifest: JSON.parse(
          fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'),
        ) as UpgradeFixtureManifest,
      };
    });
}

/** A PostgreSQL client program (`pg_dump`, `psql`) from the newest server install on the machine. */
export function postgresTool(name: 'pg_dump' | 'psql'): string {
  const base = '/usr/lib/postgresql';
  const versions = fs.existsSync(base)
    ? fs
        .readdirSync(base)
        .filter((v) => fs.existsSync(path.join(base, v, 'bin', name)))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0]) throw new Error(`${name} not found under ${base}`);
  return path.join(base, versions[0], 'bin', name);
}

/** A plain SQL dump without owners or grants, so it loads into any database of any cluster. */
export function dumpPostgres(url: string, file: string): void {
  execFileSync(postgresTool('pg_dump'), ['--no-owner', '--no-privileges', '--file', file, url], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Loads a plain SQL dump into an empty database; any error stops the load. */
export function loadPostgresDump(url: string, file: string): void {
  execFileSync(postgresTool('psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-f', file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
