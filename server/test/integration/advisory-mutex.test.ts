import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database';
import { AdvisoryMutex } from '../../src/db/advisory-mutex';
import { Mutex } from '../../src/util/mutex';

const databases: Database[] = [];
afterAll(async () => {
  await Promise.all(databases.map((d) => d.close()));
});

/** Two connection pools on one new database: what two replicas have. */
async function twoReplicas(): Promise<[Database, Database]> {
  const adminUrl = inject('postgresUrl');
  const name = `mx_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  const pair: [Database, Database] = [openDatabase({ databaseUrl: url }), openDatabase({ databaseUrl: url })];
  databases.push(...pair);
  return pair;
}

/** Runs 6 sections on each of two locks at once; answers the most that were ever inside together. */
async function mostAtOnce(locks: [Mutex, Mutex]): Promise<number> {
  let inside = 0;
  let most = 0;
  const section = async () => {
    inside += 1;
    most = Math.max(most, inside);
    await new Promise((r) => setTimeout(r, 30));
    inside -= 1;
  };
  await Promise.all(Array.from({ length: 12 }, (_, i) => locks[i % 2]!.run(section)));
  return most;
}

describe('the account lock across replicas (seat cap, last admin)', () => {
  it('lets one section run at a time over two processes’ pools; a per-process mutex does not', async () => {
    const [a, b] = await twoReplicas();
    const key = 4242;
    expect(await mostAtOnce([new AdvisoryMutex(a.db, key), new AdvisoryMutex(b.db, key)])).toBe(1);
    // The control: two in-process mutexes (one per replica) overlap, which is what the lock prevents.
    expect(await mostAtOnce([new Mutex(), new Mutex()])).toBe(2);
  });

  it('releases the lock when a section throws, so the next one runs', async () => {
    const [a, b] = await twoReplicas();
    const first = new AdvisoryMutex(a.db, 4343);
    await expect(first.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const second = new AdvisoryMutex(b.db, 4343);
    const ran = await Promise.race([
      second.run(() => Promise.resolve('ran')),
      new Promise((r) => setTimeout(() => r('blocked'), 5000)),
    ]);
    expect(ran).toBe('ran');
  });
});
