import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { freePort, waitFor } from '@archnest/test-support';
import { freshDatabase, TEST_SECRET_KEY } from './test-app';
import type { Database } from '../../src/db/database';

const root = path.resolve(import.meta.dirname, '../../..');

/** What a replica logs when it takes the lead. */
export const LEADER_LINE = '"msg":"this replica is now the leader"';

/** One ArchNest process from source, with everything it printed. */
export interface Replica {
  name: string;
  base: string;
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
}

/** Starts ArchNest on `databaseUrl` with the test secret key, `LOG_LEVEL=info`, plus `env`. */
export async function startReplica(
  name: string,
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<Replica> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      ARCHNEST_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), `archnest-replica-${name}-`)),
      ARCHNEST_SECRET_KEY: TEST_SECRET_KEY,
      LOG_LEVEL: 'info',
      ...env,
    },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { name, base: `http://127.0.0.1:${port}`, child, out: () => out, exited };
}

/** Waits until every replica says it is running. */
export async function replicasRunning(replicas: readonly Replica[]): Promise<void> {
  for (const r of replicas)
    await waitFor(() => r.out().includes('ArchNest is running at'), `replica ${r.name} to start`, 60_000);
}

/** Ends every replica still running and waits for it. */
export async function stopReplicas(replicas: readonly Replica[]): Promise<void> {
  for (const r of replicas) {
    if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGTERM');
    await r.exited;
  }
}

/** A fresh PostgreSQL database in the run's cluster, and the URL replicas connect to it with. */
export async function replicaDatabase(): Promise<{ database: Database; url: string }> {
  const database = await freshDatabase('postgres', ':memory:', false);
  const name = (await sql<{ db: string }>`select current_database() as db`.execute(database.db)).rows[0]!.db;
  return { database, url: inject('postgresUrl').replace(/\/postgres$/, `/${name}`) };
}

export interface ReplicaCall {
  cookie?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One HTTP call to a replica; a string body goes as it is, anything else as JSON. */
export async function callReplica(r: Replica, method: string, url: string, options: ReplicaCall = {}) {
  const response = await fetch(r.base + url, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined
      ? { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }
      : {}),
  });
  const text = await response.text();
  const cookie = /archnest_session=[^;]+/.exec(response.headers.get('set-cookie') ?? '')?.[0] ?? '';
  return { status: response.status, text, cookie, json: () => JSON.parse(text) as unknown };
}
