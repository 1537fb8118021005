import { afterEach, describe, expect, it } from 'vitest';
import type { InfraResource } from '@archnest/contract';
import { ManualClock } from '../../src/clock';
import { IntegrationError } from '../../src/integrations/integration-error';
import type { PolledSource, ResourceSnapshot } from '../../src/modules/infrastructure/resource-source';
import { SourcePoller } from '../../src/modules/infrastructure/source-poller';

const member = (id: string, health: InfraResource['health']): InfraResource => ({
  id,
  name: id,
  type: 'instance',
  status: health === 'ok' ? 'running' : 'stopped',
  health,
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
  groups: [{ key: null, title: 'Src', subtitle: null, members: ids.map((id) => member(id, 'ok')) }],
});

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

const log = { warn: () => undefined };
const pollers: SourcePoller[] = [];
afterEach(() => {
  for (const p of pollers.splice(0)) p.stop();
});

function make(s: PolledSource, clock = new ManualClock()): SourcePoller {
  const p = new SourcePoller(s, clock, log);
  pollers.push(p);
  return p;
}

describe('SourcePoller', () => {
  it('is pending with a placeholder tile until the first poll, then serves the snapshot', async () => {
    const p = make(source(() => Promise.resolve(snapshot('i-1', 'i-2'))));
    expect(p.info().state).toBe('pending');
    expect(p.tiles()).toMatchObject([
      { id: 'integration:a', memberCount: 0, summary: 'Waiting for the first poll' },
    ]);
    await p.poll();
    expect(p.info()).toMatchObject({ state: 'ok', error: null, lastSuccessAt: '2026-01-01T00:00:00.000Z' });
    expect(p.tiles()).toMatchObject([{ memberCount: 2, summary: '2 of 2 running', health: 'ok' }]);
  });

  it('joins a poll in flight instead of starting another', async () => {
    let calls = 0;
    let release = () => undefined as void;
    const p = make(
      source(() => {
        calls += 1;
        return new Promise((resolve) => (release = () => resolve(snapshot('i-1'))));
      }),
    );
    const a = p.poll();
    const b = p.poll();
    release();
    await Promise.all([a, b]);
    expect(calls).toBe(1);
  });

  it('ends a poll at the timeout even when the source ignores its signal, keeping the last good data', async () => {
    const clock = new ManualClock();
    let hang = false;
    const p = make(
      source(() =>
        hang ? new Promise<ResourceSnapshot>(() => undefined) : Promise.resolve(snapshot('i-1')),
      ),
      clock,
    );
    await p.poll();
    hang = true;
    clock.advance(60_000);
    const started = performance.now();
    await p.poll();
    expect(performance.now() - started).toBeLessThan(1000);
    expect(p.info()).toMatchObject({
      state: 'error',
      error: { code: 'timeout' },
      lastSuccessAt: '2026-01-01T00:00:00.000Z',
      lastAttemptAt: '2026-01-01T00:01:00.000Z',
    });
    expect(p.tileMembers('integration:a')).toHaveLength(1);
  });

  it('reports a source error by its code and message', async () => {
    const p = make(source(() => Promise.reject(new IntegrationError('auth_failed', 'Refused (HTTP 401).'))));
    await p.poll();
    expect(p.info().error).toEqual({ code: 'auth_failed', message: 'Refused (HTTP 401).' });
    expect(p.tiles()).toMatchObject([{ health: 'error', summary: 'Refused (HTTP 401).' }]);
  });

  it('does not let a poll with replaced settings satisfy a refresh', async () => {
    const p = make(source(() => new Promise<ResourceSnapshot>(() => undefined), { timeoutMs: 5000 }));
    const old = p.poll();
    p.replace(source(() => Promise.resolve(snapshot('new-1', 'new-2')), { revision: 'r2' }));
    await p.poll();
    expect(p.info().state).toBe('ok');
    expect(p.tileMembers('integration:a')?.map((m) => m.id)).toEqual(['new-1', 'new-2']);
    await old;
    expect(p.info().state).toBe('ok');
  });
});
