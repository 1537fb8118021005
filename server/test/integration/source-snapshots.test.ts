import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InfraResource } from '@archnest/contract';
import type { Database } from '../../src/db/database';
import { SourceSnapshotsRepo } from '../../src/modules/infrastructure/source-snapshots.repo';
import type { PolledSnapshot } from '../../src/modules/infrastructure/resource-source';
import { dialects, freshDatabase } from '../helpers/test-app';

const member: InfraResource = {
  id: 'vm-1',
  name: 'web "one" ✓',
  type: 'vm',
  status: 'running',
  health: 'ok',
  cpu: 0.25,
  memoryUsedBytes: 1_073_741_824,
  memoryTotalBytes: 4_294_967_296,
  diskUsedBytes: null,
  diskTotalBytes: null,
  uptimeSeconds: 3600,
  tags: ['prod'],
  details: [],
};

/** Every field a poll carries, the alert observations included. */
const snapshot: PolledSnapshot = {
  groups: [
    { key: 'pve1', title: 'pve1', subtitle: 'node', health: 'ok', summary: '1 of 1', members: [member] },
  ],
  observations: {
    stale: false,
    containers: [
      {
        id: 'c1',
        name: 'db',
        state: 'exited',
        exitCode: 137,
        health: null,
        restartCount: 2,
        uptimeSeconds: null,
        cpuPercent: 12.5,
        memoryBytes: 1024,
        memoryLimitBytes: null,
        labels: { 'com.docker.compose.project': 'shop' },
      },
    ],
  },
};

describe.each(dialects)('source_snapshots on %s', (dialect) => {
  let database: Database;
  let repo: SourceSnapshotsRepo;
  beforeAll(async () => {
    database = await freshDatabase(dialect);
    repo = new SourceSnapshotsRepo(database.db);
  });
  afterAll(() => database.close());

  it('round-trips a poll, keeps the last good snapshot through a failure, and forgets a source', async () => {
    expect(await repo.read('integration:x')).toBeNull();
    const good = {
      revision: 'r1',
      attemptedAt: '2026-12-04T10:00:00.000Z',
      successAt: '2026-12-04T10:00:00.100Z',
      snapshot,
      error: null,
    };
    await repo.save('integration:x', good);
    expect(await repo.read('integration:x')).toEqual(good);

    const failed = {
      revision: 'r2',
      attemptedAt: '2026-12-04T10:00:30.000Z',
      successAt: '2026-12-04T10:00:00.100Z',
      snapshot: null,
      error: { code: 'timeout', message: 'No answer within 5 s.' },
    };
    await repo.save('integration:x', failed);
    expect(await repo.read('integration:x')).toEqual({ ...failed, snapshot });

    await repo.save('integration:y', failed);
    expect(await repo.read('integration:y')).toEqual(failed);
    await repo.remove('integration:x');
    expect(await repo.read('integration:x')).toBeNull();
    expect(await repo.read('integration:y')).not.toBeNull();
  });
});
