import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ensureDebianPackages, type DebianNeed } from './apt';
import { freePort } from './free-port';

export interface PostgresServer {
  /** Connection URL of the `postgres` database (superuser, trust auth, loopback only). */
  url: string;
  port: number;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  stop(): void;
}

function findBinDir(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!fs.existsSync(base)) return undefined;
  const versions = fs
    .readdirSync(base)
    .filter((v) => fs.existsSync(path.join(base, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(base, versions[0], 'bin') : undefined;
}

/** The server (postgresql-client alone also makes /usr/lib/postgresql, so the test is for pg_ctl). */
export const POSTGRES_PACKAGES: DebianNeed[] = [
  {
    path: '/usr/lib/postgresql/<version>/bin/pg_ctl',
    pkg: 'postgresql',
    present: () => findBinDir() !== undefined,
  },
];

function asPostgres(command: string, args: string[]): string[] {
  // initdb and the server refuse to run as root; drop to the postgres account when we are root.
  return process.getuid?.() === 0
    ? ['runuser', '-u', 'postgres', '--', command, ...args]
    : [command, ...args];
}

function exec(argv: string[], cwd: string): void {
  execFileSync(argv[0]!, argv.slice(1), { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Starts a throwaway PostgreSQL cluster in a temp dir, as the plan's recipe describes. */
export async function startPostgres(): Promise<PostgresServer> {
  ensureDebianPackages(POSTGRES_PACKAGES);
  const bin = findBinDir();
  if (!bin)
    throw new Error(
      'PostgreSQL server binaries not found under /usr/lib/postgresql after installing postgresql',
    );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-pg-'));
  const dataDir = path.join(dir, 'data');
  const sockDir = path.join(dir, 'sock');
  fs.mkdirSync(sockDir);
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  const port = await freePort();
  try {
    exec(
      asPostgres(path.join(bin, 'initdb'), ['-U', 'postgres', '-A', 'trust', '--no-sync', '-D', dataDir]),
      dir,
    );
    exec(
      asPostgres(path.join(bin, 'pg_ctl'), [
        '-D',
        dataDir,
        '-l',
        path.join(dir, 'server.log'),
        '-w',
        '-o',
        `-p ${port} -k ${sockDir} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c full_page_writes=off -c synchronous_commit=off`,
        'start',
      ]),
      dir,
    );
  } catch (error) {
    const log = fs.existsSync(path.join(dir, 'server.log'))
      ? fs.readFileSync(path.join(dir, 'server.log'), 'utf8')
      : '';
    throw new Error(`could not start PostgreSQL: ${String(error)}\n${log}`);
  }
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    async createDatabase(name: string) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop() {
      try {
        exec(asPostgres(path.join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop']), dir);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
