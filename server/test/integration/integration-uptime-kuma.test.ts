import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startUptimeKumaFake, type UptimeKumaFake } from '@archnest/test-support';
import { IntegrationError } from '../../src/integrations/integration-error';
import { UptimeKumaIntegration } from '../../src/integrations/uptime-kuma/uptime-kuma.integration';

/** Uptime Kuma's status page JSON and its /metrics page against the loopback fake. */
describe('Uptime Kuma integration', () => {
  let fake: UptimeKumaFake;
  const make = (statusPageSlug: string | undefined, apiKey: string | undefined) =>
    new UptimeKumaIntegration({
      id: 'k1',
      name: 'Kuma',
      config: { url: fake.url, ...(statusPageSlug ? { statusPageSlug } : {}) },
      secrets: apiKey ? { apiKey } : {},
      tls: { pinnedSha256: null, ca: null },
    });
  const read = async (slug: string | undefined, key: string | undefined) =>
    (await make(slug, key).listResources(AbortSignal.timeout(5000))).groups[0];

  beforeAll(async () => {
    fake = await startUptimeKumaFake();
  });
  afterAll(async () => {
    await fake?.stop();
  });

  it('reads monitors, latest heartbeat and 24 h uptime from a status page', async () => {
    const group = await read(fake.slug, undefined);
    expect(group?.summary).toBe('2 up, 1 down, 1 pending, 1 maintenance');
    expect(group?.members.map((m) => [m.id, m.name, m.status, m.health])).toEqual([
      ['monitor/1', 'Website', 'up', 'ok'],
      ['monitor/2', 'API "v2" \\ edge', 'up', 'ok'],
      ['monitor/3', 'Mail', 'down', 'error'],
      ['monitor/4', 'Backup', 'pending', 'warning'],
      ['monitor/5', 'Printer', 'maintenance', 'off'],
    ]);
    expect(group?.members[0]?.details).toEqual(
      expect.arrayContaining([
        { label: 'Response time', value: '42 ms' },
        { label: '24 h uptime', value: '99.93 %' },
      ]),
    );
    expect(group?.members[2]?.details).toContainEqual({ label: 'Message', value: 'connect ECONNREFUSED' });
  });

  it('reads every monitor from /metrics with the API key, names with escaped quotes intact', async () => {
    const group = await read(undefined, fake.apiKey);
    expect(group?.members.map((m) => [m.name, m.status])).toEqual([
      ['Website', 'up'],
      ['API "v2" \\ edge', 'up'],
      ['Mail', 'down'],
      ['Backup', 'pending'],
      ['Printer', 'maintenance'],
    ]);
    expect(group?.members[1]?.details).toContainEqual({ label: 'Response time', value: '87 ms' });
  });

  it('merges both: ids and uptime from the page, current status from /metrics', async () => {
    fake.monitors[0]!.status = 0;
    try {
      const group = await read(fake.slug, fake.apiKey);
      expect(group?.members).toHaveLength(5);
      expect(group?.members[0]).toMatchObject({ id: 'monitor/1', status: 'down' });
      expect(group?.members[0]?.details).toContainEqual({ label: '24 h uptime', value: '99.93 %' });
    } finally {
      fake.monitors[0]!.status = 1;
    }
  });

  it('reports a wrong API key as auth_failed and an unknown slug as an HTTP error', async () => {
    const wrongKey = await make(undefined, 'nope')
      .listResources(AbortSignal.timeout(5000))
      .catch((e: unknown) => e);
    expect((wrongKey as IntegrationError).code).toBe('auth_failed');
    const wrongSlug = await make('missing', undefined)
      .listResources(AbortSignal.timeout(5000))
      .catch((e: unknown) => e);
    expect(wrongSlug).toBeInstanceOf(IntegrationError);
    expect((wrongSlug as IntegrationError).code).toBe('http_error');
  });
});
