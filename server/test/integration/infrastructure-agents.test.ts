import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InfraOverview, InfraTileDetail } from '@archnest/contract';
import { ManualClock } from '../../src/clock';
import { setupAdmin } from '../helpers/accounts';
import { syntheticReport } from '../helpers/agent-report';
import { createTestApp, type TestApp } from '../helpers/test-app';

const TOKEN = 'instance-token-for-infra-0123456789';

describe('agent hosts on the Infrastructure page', () => {
  let t: TestApp;
  let admin: string;
  const clock = new ManualClock(new Date('2026-03-01T10:00:00.000Z'));

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { ARCHNEST_AGENT_TOKEN: TOKEN } });
    await t.app.ready();
    admin = await setupAdmin(t.app);
  });
  afterAll(async () => {
    await t?.close();
  });

  const overview = async () =>
    (await t.app.inject({ url: '/api/infrastructure', headers: { cookie: admin } })).json<InfraOverview>();
  const tile = async (id: string) =>
    (
      await t.app.inject({
        url: `/api/infrastructure/tiles/${encodeURIComponent(id)}`,
        headers: { cookie: admin },
      })
    ).json<InfraTileDetail>();
  const eventually = async (check: () => Promise<boolean>, what: string) => {
    const deadline = Date.now() + 5000;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  it('shows a host as a tile as soon as its first report arrives, and turns it red when it goes stale', async () => {
    expect((await overview()).sources.some((s) => s.kind === 'agent')).toBe(false);
    const report = syntheticReport('edge-1', 10, 1);
    const posted = await t.app.inject({
      method: 'POST',
      url: '/api/agents/docker/report',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      payload: JSON.stringify(report),
    });
    expect(posted.statusCode).toBe(202);

    // No re-sync timer is waited for: the first report announces the new host.
    await eventually(
      async () => (await overview()).sources.some((s) => s.id === 'agent:edge-1' && s.state === 'ok'),
      'the agent source to be polled',
    );
    const fresh = await overview();
    expect(fresh.sources.find((s) => s.id === 'agent:edge-1')).toMatchObject({
      kind: 'agent',
      name: 'edge-1',
      refreshable: false,
      pollIntervalSeconds: null,
    });
    expect(fresh.tiles.find((x) => x.sourceId === 'agent:edge-1')).toMatchObject({
      kind: 'agent',
      memberCount: 10,
      summary: '9 of 10 running',
      health: 'ok',
    });
    const detail = await tile('agent:edge-1');
    expect(detail.members).toHaveLength(10);
    expect(detail.members.find((m) => m.name === 'svc-9')).toMatchObject({ status: 'exited', health: 'off' });
    expect(detail.members.find((m) => m.name === 'svc-0')).toMatchObject({
      type: 'container',
      status: 'running',
      health: 'ok',
      memoryTotalBytes: 8e9,
    });

    clock.advance((report.intervalSeconds * 2 + 21) * 1000);
    await t.services.infrastructure.sync();
    await eventually(
      async () => (await overview()).tiles.find((x) => x.sourceId === 'agent:edge-1')?.health === 'error',
      'the tile to say the host is stale',
    );
    const stale = (await overview()).tiles.find((x) => x.sourceId === 'agent:edge-1')!;
    expect(stale.summary).toMatch(/^stale: last report 2026-03-01T10:00:00\.000Z/);
    expect(stale.memberCount).toBe(10);
  });
});
