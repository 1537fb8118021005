import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host, Integration } from '@archnest/contract';
import {
  ensureTestUser,
  startSshd,
  startUptimeKumaFake,
  type SshdServer,
  type UptimeKumaFake,
} from '@archnest/test-support';
import { parsePrometheusText, type PromSample } from '../../src/integrations/uptime-kuma/prometheus-text';
import { createUser, login, MEMBER_PASSWORD, setupAdmin } from '../helpers/accounts';
import { syntheticReport } from '../helpers/agent-report';
import { addPasswordHost, trustHostKey } from '../helpers/ssh-hosts';
import { TerminalClient } from '../helpers/terminal-client';
import { createTestApp, type TestApp } from '../helpers/test-app';

const USER = 'archnest-metrics';
const PASSWORD = 'Metrics-pass-5521';
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';
const AGENT_TOKEN = 'agent-token-0123456789abcdefgh';

function sum(samples: PromSample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((total, s) => total + s.value, 0);
}

/** Scrapes /metrics the way Prometheus does, over real HTTP, after real traffic. */
describe('Prometheus metrics', () => {
  let sshd: SshdServer;
  let kuma: UptimeKumaFake;
  let t: TestApp;
  let base: string;
  let admin: string;
  let host: Host;

  const scrape = async (): Promise<PromSample[]> => {
    const response = await fetch(`${base}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
    expect(response.headers.get('cache-control')).toBe('no-store');
    return parsePrometheusText(await response.text());
  };

  const report = (token: string, body: unknown) =>
    fetch(`${base}/api/agents/docker/report`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    ensureTestUser(USER, PASSWORD);
    sshd = await startSshd();
    kuma = await startUptimeKumaFake();
    t = await createTestApp({
      env: {
        ARCHNEST_METRICS: 'true',
        ARCHNEST_METRICS_TOKEN: METRICS_TOKEN,
        ARCHNEST_AGENT_TOKEN: AGENT_TOKEN,
      },
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    admin = await setupAdmin(t.app);
    host = await addPasswordHost(t.app, admin, {
      name: 'metered',
      port: sshd.port,
      username: USER,
      password: PASSWORD,
    });
    await trustHostKey(t.app, admin, host);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await sshd?.stop();
    await kuma?.stop();
  });

  it('answers 401 without a token or session, 401 to a wrong token, 403 to a member, 200 to an admin', async () => {
    const anonymous = await fetch(`${base}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer');
    expect(await anonymous.json()).toMatchObject({ error: 'unauthorized' });
    const wrong = await fetch(`${base}/metrics`, {
      headers: { authorization: 'Bearer not-the-token-at-all' },
    });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('nodejs_');
    await createUser(t.app, admin, 'metrics-member');
    const member = await login(t.app, 'metrics-member', MEMBER_PASSWORD);
    const asMember = await fetch(`${base}/metrics`, { headers: { cookie: member } });
    expect(asMember.status).toBe(403);
    const asAdmin = await fetch(`${base}/metrics`, { headers: { cookie: admin } });
    expect(asAdmin.status).toBe(200);
    expect(await asAdmin.text()).toContain('# TYPE archnest_http_request_duration_seconds histogram');
  });

  it('times HTTP requests by route pattern and status class, never by raw URL', async () => {
    const before = await scrape();
    const pattern = { route: '/api/hosts/:id', method: 'GET' };
    const okBefore = sum(before, 'archnest_http_request_duration_seconds_count', {
      ...pattern,
      status_class: '2xx',
    });
    const missBefore = sum(before, 'archnest_http_request_duration_seconds_count', {
      ...pattern,
      status_class: '4xx',
    });
    for (let i = 0; i < 3; i++) {
      expect((await fetch(`${base}/api/hosts/${host.id}`, { headers: { cookie: admin } })).status).toBe(200);
    }
    const unknownId = '00000000-0000-4000-8000-000000000000';
    expect((await fetch(`${base}/api/hosts/${unknownId}`, { headers: { cookie: admin } })).status).toBe(404);
    await fetch(`${base}/api/no-such-route-${unknownId}`);

    const after = await scrape();
    expect(
      sum(after, 'archnest_http_request_duration_seconds_count', { ...pattern, status_class: '2xx' }),
    ).toBe(okBefore + 3);
    expect(
      sum(after, 'archnest_http_request_duration_seconds_count', { ...pattern, status_class: '4xx' }),
    ).toBe(missBefore + 1);
    const routes = new Set(
      after
        .filter((s) => s.name === 'archnest_http_request_duration_seconds_count')
        .map((s) => s.labels.route),
    );
    expect([...routes].some((route) => route?.includes(host.id) || route?.includes(unknownId))).toBe(false);
    expect(routes.has('/*') || routes.has('unmatched')).toBe(true);
  });

  it('counts live terminal sessions and the bytes they relay, against a real sshd', async () => {
    const before = await scrape();
    const inBefore = sum(before, 'archnest_terminal_relayed_bytes_total', { direction: 'in' });
    const outBefore = sum(before, 'archnest_terminal_relayed_bytes_total', { direction: 'out' });
    expect(sum(before, 'archnest_terminal_sessions')).toBe(0);

    const pane = new TerminalClient(`${base.replace('http', 'ws')}/api/terminal`, {
      cookie: admin,
      origin: base,
    });
    await pane.opened;
    pane.send({ type: 'open', hostId: host.id, tabId: 'metrics', cols: 100, rows: 30 });
    await pane.until(() => pane.message('ready') !== undefined, 'ready');
    const command = 'echo metered-$((6*7))\r';
    pane.type(command);
    await pane.until(() => pane.text().includes('metered-42'), 'echo output');

    const live = await scrape();
    expect(sum(live, 'archnest_terminal_sessions')).toBe(1);
    expect(sum(live, 'archnest_terminal_relayed_bytes_total', { direction: 'in' }) - inBefore).toBe(
      command.length,
    );
    const outLive = sum(live, 'archnest_terminal_relayed_bytes_total', { direction: 'out' });
    expect(outLive - outBefore).toBeGreaterThanOrEqual(pane.received);

    pane.send({ type: 'close' });
    await pane.until(() => pane.message('exit') !== undefined, 'exit');
    const ended = await scrape();
    expect(sum(ended, 'archnest_terminal_sessions')).toBe(0);
    // Ended sessions keep counting: the counter never goes back.
    expect(sum(ended, 'archnest_terminal_relayed_bytes_total', { direction: 'out' })).toBeGreaterThanOrEqual(
      outLive,
    );
    expect(sum(ended, 'archnest_terminal_relayed_bytes_total', { direction: 'in' })).toBe(
      inBefore + command.length,
    );
  });

  it('records each poll’s duration per source, and failed polls by error code', async () => {
    const create = async (name: string, apiKey: string) =>
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/integrations',
          headers: { cookie: admin },
          payload: {
            kind: 'uptime-kuma',
            name,
            config: { url: kuma.url },
            secrets: { apiKey },
            timeoutSeconds: 10,
          },
        })
      ).json<Integration>();
    const good = `integration:${(await create('Kuma', kuma.apiKey)).id}`;
    const bad = `integration:${(await create('Kuma with a wrong key', 'wrong-api-key-123')).id}`;
    await t.services.infrastructure.sync();
    // Let the first polls (started by sync) settle, so exactly one more poll each is measured.
    await t.services.infrastructure.refresh(good);
    await t.services.infrastructure.refresh(bad);
    const before = await scrape();
    const polls = (source: string, samples: PromSample[]) =>
      sum(samples, 'archnest_infrastructure_poll_duration_seconds_count', { source, kind: 'uptime-kuma' });
    const errors = (source: string, samples: PromSample[]) =>
      sum(samples, 'archnest_infrastructure_poll_errors_total', { source, kind: 'uptime-kuma' });

    expect((await t.services.infrastructure.refresh(good)).state).toBe('ok');
    expect((await t.services.infrastructure.refresh(bad)).state).toBe('error');

    const after = await scrape();
    expect(polls(good, after)).toBe(polls(good, before) + 1);
    expect(polls(bad, after)).toBe(polls(bad, before) + 1);
    expect(errors(good, after)).toBe(errors(good, before));
    expect(errors(bad, after)).toBe(errors(bad, before) + 1);
    const failure = after.find(
      (s) => s.name === 'archnest_infrastructure_poll_errors_total' && s.labels.source === bad,
    );
    expect(failure?.labels.code).toMatch(/^[a-z_]+$/);
    expect(sum(after, 'archnest_infrastructure_poll_duration_seconds_sum', { source: good })).toBeGreaterThan(
      0,
    );
  });

  it('counts agent reports accepted and refused, by reason', async () => {
    const before = await scrape();
    expect((await report(AGENT_TOKEN, syntheticReport('metrics-host', 3))).status).toBe(202);
    expect((await report(AGENT_TOKEN, syntheticReport('metrics-host', 3, 2))).status).toBe(202);
    expect((await report('wrong-agent-token-0123456789', syntheticReport('metrics-host', 1))).status).toBe(
      401,
    );
    expect((await report(AGENT_TOKEN, { hostLabel: 'metrics-host' })).status).toBe(400);

    const after = await scrape();
    expect(sum(after, 'archnest_agent_reports_accepted_total')).toBe(
      sum(before, 'archnest_agent_reports_accepted_total') + 2,
    );
    const refused = (reason: string, samples: PromSample[]) =>
      sum(samples, 'archnest_agent_reports_refused_total', { reason });
    expect(refused('agent_token_invalid', after)).toBe(refused('agent_token_invalid', before) + 1);
    expect(refused('invalid_request', after)).toBe(refused('invalid_request', before) + 1);
  });

  it('exposes event-loop lag and process memory', async () => {
    const samples = await scrape();
    expect(sum(samples, 'process_resident_memory_bytes')).toBeGreaterThan(10 * 1024 * 1024);
    expect(samples.some((s) => s.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
    expect(samples.some((s) => s.name === 'nodejs_heap_size_used_bytes')).toBe(true);
  });
});

describe('metrics turned off', () => {
  it('answers 404 by default, even with a token configured and an admin signed in', async () => {
    const t = await createTestApp({ env: { ARCHNEST_METRICS_TOKEN: METRICS_TOKEN } });
    try {
      const admin = await setupAdmin(t.app);
      for (const headers of [{}, { authorization: `Bearer ${METRICS_TOKEN}` }, { cookie: admin }]) {
        const response = await t.app.inject({ url: '/metrics', headers });
        expect(response.statusCode).toBe(404);
        expect(response.json()).toMatchObject({ error: 'not_found' });
      }
    } finally {
      await t.close();
    }
  });

  it('stops the start with one clear line on a bad value', async () => {
    await expect(createTestApp({ env: { ARCHNEST_METRICS: 'maybe' } })).rejects.toThrow(
      'Invalid configuration: ARCHNEST_METRICS must be true or false (got "maybe")',
    );
    await expect(
      createTestApp({ env: { ARCHNEST_METRICS: 'true', ARCHNEST_METRICS_TOKEN: 'short' } }),
    ).rejects.toThrow(/^Invalid configuration: ARCHNEST_METRICS_TOKEN must be at least 16 characters$/);
  });
});
