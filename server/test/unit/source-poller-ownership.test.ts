import { afterEach, describe, expect, it } from 'vitest';
import type { InfraResource } from '@archnest/contract';
import { ManualClock } from '../../src/clock';
import { IntegrationError } from '../../src/integrations/integration-error';
import type { PollOwnership, SharedPoll } from '../../src/modules/infrastructure/poll-ownership';
import type {
  PolledSource,
  PollOutcome,
  ResourceSnapshot,
} from '../../src/modules/infrastructure/resource-source';
import { SourcePoller } from '../../src/modules/infrastructure/source-poller';

const member = (id: string): InfraResource => ({
  id,
  name: id,
  type: 'instance',
  status: 'running',
  health: 'ok',
  cpu: null,
  memoryUsedBytes: null,
  memoryTotalBytes: null,
  diskUsedBytes: null,
  diskTotalBytes: null,
  uptimeSeconds: null,
  tags: [],
  details: [],
});

const snapshot = (...ids: string[]): ResourceSnapshot => ({
  groups: [{ key: null, title: 'Src', subtitle: null, members: ids.map(member) }],
});

/** One process's view of a shared store: `owner` says whether this process holds the source. */
class MemoryOwnership implements PollOwnership {
  owner = false;
  stored: SharedPoll | null = null;
  shared: SharedPoll[] = [];
  claim() {
    return Promise.resolve(this.owner);
  }
  share(_id: string, poll: SharedPoll) {
    this.shared.push(poll);
    this.stored = poll;
    return Promise.resolve();
  }
  read() {
    return Promise.resolve(this.stored);
  }
  forget() {
    return Promise.resolve();
  }
}

function source(poll: PolledSource['poll'], overrides: Partial<PolledSource> = {}): PolledSource {
  return {
    id: 'integration:a',
    kind: 'aws-ec2',
    name: 'Src',
    pollIntervalSeconds: 3600,
    reportedIntervalSeconds: 3600,
    timeoutMs: 200,
    refreshable: true,
    revision: 'r1',
    poll,
    ...overrides,
  };
}

const pollers: SourcePoller[] = [];
afterEach(() => {
  for (const p of pollers.splice(0)) p.stop();
});

function make(s: PolledSource, ownership: PollOwnership, outcomes: PollOutcome[] = []) {
  const p = new SourcePoller(
    s,
    new ManualClock(),
    { warn: () => undefined },
    undefined,
    (o) => outcomes.push(o),
    ownership,
  );
  pollers.push(p);
  return p;
}

describe('SourcePoller with several replicas', () => {
  it('polls and shares what it polled while it holds the source', async () => {
    const ownership = new MemoryOwnership();
    ownership.owner = true;
    let calls = 0;
    let fail = false;
    const p = make(
      source(() => {
        calls += 1;
        return fail
          ? Promise.reject(new IntegrationError('unreachable', 'down'))
          : Promise.resolve(snapshot('i-1'));
      }),
      ownership,
    );
    await p.poll();
    expect(calls).toBe(1);
    expect(ownership.shared).toEqual([
      {
        revision: 'r1',
        attemptedAt: p.info().lastAttemptAt,
        successAt: p.info().lastSuccessAt,
        snapshot: snapshot('i-1'),
        error: null,
      },
    ]);
    fail = true;
    await p.poll();
    expect(ownership.shared[1]).toMatchObject({
      snapshot: null,
      error: { code: 'unreachable', message: 'down' },
      successAt: p.info().lastSuccessAt,
    });
  });

  it('never calls the source it does not hold: it takes the stored poll as if it had polled', async () => {
    const ownership = new MemoryOwnership();
    let calls = 0;
    const outcomes: PollOutcome[] = [];
    const p = make(
      source(() => {
        calls += 1;
        return Promise.resolve(snapshot('mine'));
      }),
      ownership,
      outcomes,
    );
    await p.poll(); // nothing stored yet: stays pending
    expect(p.info().state).toBe('pending');
    ownership.stored = {
      revision: 'r1',
      attemptedAt: '2026-12-04T10:00:00.000Z',
      successAt: '2026-12-04T10:00:00.050Z',
      snapshot: snapshot('i-1', 'i-2'),
      error: null,
    };
    await p.poll(); // a manual refresh or a tick re-reads the store
    await p.adopt(); // the same stored poll again (a notification): not taken twice
    expect(calls).toBe(0);
    expect(p.info()).toMatchObject({
      state: 'ok',
      lastAttemptAt: '2026-12-04T10:00:00.000Z',
      lastSuccessAt: '2026-12-04T10:00:00.050Z',
      error: null,
    });
    expect(p.tiles()).toMatchObject([{ id: 'integration:a', memberCount: 2 }]);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({
      sourceId: 'integration:a',
      snapshot: snapshot('i-1', 'i-2'),
      error: null,
    });
    expect(outcomes[0]!.at.toISOString()).toBe('2026-12-04T10:00:00.000Z');

    // The holder's poll failed: the error shows, the last good tiles stay, alerts see the error.
    ownership.stored = {
      ...ownership.stored,
      attemptedAt: '2026-12-04T10:01:00.000Z',
      error: { code: 'timeout', message: 'No answer within 5 s.' },
    };
    await p.adopt();
    expect(p.info()).toMatchObject({
      state: 'error',
      error: { code: 'timeout' },
      lastSuccessAt: '2026-12-04T10:00:00.050Z',
    });
    expect(p.tiles()).toMatchObject([{ memberCount: 2 }]);
    expect(outcomes[1]).toMatchObject({ snapshot: null, error: { code: 'timeout' } });

    // A poll made with settings this replica does not have yet is not taken.
    ownership.stored = {
      ...ownership.stored,
      revision: 'r0',
      attemptedAt: '2026-12-04T10:02:00.000Z',
      error: null,
    };
    await p.adopt();
    expect(p.info().state).toBe('error');
    expect(outcomes).toHaveLength(2);

    // Taking the source over (its holder died): the next tick polls it here.
    ownership.owner = true;
    await p.poll();
    expect(calls).toBe(1);
    expect(p.tiles()).toMatchObject([{ memberCount: 1 }]);
  });

  it('keeps the SSH hosts and agent sources per replica', async () => {
    const ownership = new MemoryOwnership();
    let calls = 0;
    const poll = () => {
      calls += 1;
      return Promise.resolve(snapshot('x'));
    };
    await make(source(poll, { id: 'ssh', kind: 'ssh', local: true }), ownership).poll();
    await make(
      source(poll, { id: 'agent:edge', kind: 'agent', reportedIntervalSeconds: null }),
      ownership,
    ).poll();
    expect(calls).toBe(2);
    expect(ownership.shared).toEqual([]);
  });
});
