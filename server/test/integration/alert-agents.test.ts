import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Channel } from '@archnest/contract';
import { ManualClock } from '../../src/clock';
import { setupAdmin } from '../helpers/accounts';
import { syntheticReport } from '../helpers/agent-report';
import { startReceiver, type Receiver } from '../helpers/alert-receivers';
import { createTestApp, type TestApp } from '../helpers/test-app';

const TOKEN = 'instance-token-for-alerts-0123456789';
/** The agent-hosts source re-reads the stored report every 15 s. */
const AGENT_POLL_MS = 15_000;

/** Agent reports through the real ingest route and the real agent-hosts poller; no extra polling. */
describe('alerts on agent hosts', () => {
  let t: TestApp;
  let r: Receiver;
  let admin: string;
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { ARCHNEST_AGENT_TOKEN: TOKEN } });
    admin = await setupAdmin(t.app);
    r = await startReceiver();
    const channel = await t.app.inject({
      method: 'POST',
      url: '/api/alert-channels',
      headers: { cookie: admin },
      payload: { kind: 'webhook', name: 'hook', secrets: { url: r.url, signingSecret: 's'.repeat(16) } },
    });
    const channelIds = [channel.json<Channel>().id];
    for (const payload of [
      {
        name: 'Hot',
        condition: { kind: 'container_cpu_above', percent: 30 },
        scope: { type: 'name', pattern: 'svc-8' },
        channelIds,
      },
      { name: 'Stale', condition: { kind: 'agent_host_stale' }, channelIds },
      { name: 'Exited', condition: { kind: 'container_exited' }, channelIds },
    ]) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/alert-rules',
        headers: { cookie: admin },
        payload,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(async () => {
    await r?.close();
    await t?.close();
  });

  const report = (tick: number) =>
    t.app.inject({
      method: 'POST',
      url: '/api/agents/docker/report',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      payload: JSON.stringify(syntheticReport('edge-1', 10, tick)),
    });

  it('CPU above a threshold from agent samples, then a stale host, each within one agent poll', async () => {
    expect((await report(1)).statusCode).toBe(202);
    clock.advance(30_000);
    expect((await report(2)).statusCode).toBe(202);
    // svc-8 uses 36 % between the two reports; svc-7 (32 %) is out of scope; svc-9 exited with 0.
    await r.waitFor(1, AGENT_POLL_MS + 5000);
    expect(r.requests[0]?.json).toMatchObject({
      kind: 'firing',
      rule: { name: 'Hot' },
      subject: { name: 'svc-8', host: 'edge-1' },
      message: 'Container svc-8 on edge-1 uses 36.0 % CPU (above 30 %).',
    });
    clock.advance(2 * 30_000 + 21_000);
    await r.waitFor(2, AGENT_POLL_MS + 5000);
    expect(r.requests[1]?.json).toMatchObject({
      kind: 'firing',
      rule: { name: 'Stale' },
      message: 'Agent host edge-1 stopped reporting.',
    });
    expect(r.requests).toHaveLength(2);
  }, 60_000);
});
