import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, makeTlsFiles } from '@archnest/test-support';
import type { Channel, ChannelTestResult, Delivery } from '@archnest/contract';
import { setupAdmin } from '../helpers/accounts';
import { startReceiver, startSmtp, type Receiver } from '../helpers/alert-receivers';
import { createTestApp, type TestApp } from '../helpers/test-app';

let t: TestApp;
let admin: string;
const receivers: Receiver[] = [];

beforeAll(async () => {
  t = await createTestApp({ alertDelivery: { backoffMs: 40, maxBackoffMs: 200, maxAttempts: 3 } });
  admin = await setupAdmin(t.app);
});

afterAll(async () => {
  for (const r of receivers) await r.close();
  await t?.close();
});

async function receiver(options?: Parameters<typeof startReceiver>[0]): Promise<Receiver> {
  const r = await startReceiver(options);
  receivers.push(r);
  return r;
}

async function createChannel(body: object): Promise<Channel> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/alert-channels',
    headers: { cookie: admin },
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Channel>();
}

async function testChannel(id: string): Promise<Delivery> {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/alert-channels/${id}/test`,
    headers: { cookie: admin },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ChannelTestResult>().delivery;
}

describe('alert channels deliver to real receivers', () => {
  it('webhook: signed JSON the receiver can verify; the secret and URL never come back', async () => {
    const r = await receiver();
    const secret = 'a-webhook-signing-secret-0123';
    const channel = await createChannel({
      kind: 'webhook',
      name: 'hook',
      secrets: { url: `${r.url}/hooks/archnest?token=abc123`, signingSecret: secret },
    });
    expect(channel.secretsSet).toEqual(['signingSecret', 'url']);
    expect(channel.target).toBe(r.url);
    const list = await t.app.inject({
      method: 'GET',
      url: '/api/alert-channels',
      headers: { cookie: admin },
    });
    expect(list.body).not.toContain(secret);
    expect(list.body).not.toContain('abc123');

    const delivery = await testChannel(channel.id);
    expect(delivery).toMatchObject({ status: 'sent', attempts: 1, httpStatus: 200, error: null });
    const [req] = r.requests;
    expect(req?.path).toBe('/hooks/archnest?token=abc123');
    const ts = String(req?.headers['x-archnest-timestamp']);
    const expected = `sha256=${createHmac('sha256', secret).update(`${ts}.${req?.body}`).digest('hex')}`;
    expect(req?.headers['x-archnest-signature']).toBe(expected);
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(60);
    expect(req?.headers['content-type']).toBe('application/json');
    expect(req?.json).toMatchObject({
      version: 1,
      kind: 'test',
      severity: 'info',
      rule: null,
      subject: null,
    });
    expect((req?.json as { title: string }).title).toContain('hook');
  });

  it('ntfy: JSON publish to the server root with topic, title, message, priority, tags and a bearer token', async () => {
    const r = await receiver();
    const channel = await createChannel({
      kind: 'ntfy',
      name: 'phone',
      config: { server: r.url, topic: 'homelab-alerts' },
      secrets: { token: 'tk_secret_token' },
    });
    expect(channel.config).toEqual({ server: r.url, topic: 'homelab-alerts' });
    expect((await testChannel(channel.id)).status).toBe('sent');
    const [req] = r.requests;
    expect(req?.method).toBe('POST');
    expect(req?.path).toBe('/');
    expect(req?.headers.authorization).toBe('Bearer tk_secret_token');
    expect(req?.json).toMatchObject({ topic: 'homelab-alerts', priority: 3, tags: ['information_source'] });
    expect(Object.keys(req?.json as object).sort()).toEqual([
      'message',
      'priority',
      'tags',
      'title',
      'topic',
    ]);
  });

  it('ntfy entered as a URL with basic auth', async () => {
    const r = await receiver();
    const channel = await createChannel({
      name: 'ntfy url',
      url: `ntfy://bob:pw%21@127.0.0.1:${r.port}/alerts?scheme=http`,
    });
    expect(channel).toMatchObject({
      kind: 'ntfy',
      config: { server: `http://127.0.0.1:${r.port}/`, topic: 'alerts', username: 'bob' },
    });
    expect(channel.secretsSet).toEqual(['password']);
    await testChannel(channel.id);
    expect(r.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from('bob:pw!').toString('base64')}`);
  });

  it('gotify: POST /message with the app token in X-Gotify-Key, never in the URL', async () => {
    const r = await receiver();
    const channel = await createChannel({
      kind: 'gotify',
      name: 'gotify',
      config: { server: r.url },
      secrets: { token: 'AppTok3n' },
    });
    expect((await testChannel(channel.id)).status).toBe('sent');
    const [req] = r.requests;
    expect(req?.path).toBe('/message');
    expect(req?.headers['x-gotify-key']).toBe('AppTok3n');
    expect(req?.json).toMatchObject({ title: expect.any(String), message: expect.any(String), priority: 2 });
  });

  it('discord: content and one embed', async () => {
    const r = await receiver({ status: () => 204 });
    const channel = await createChannel({
      kind: 'discord',
      name: 'discord',
      secrets: { url: `${r.url}/api/webhooks/1/tok` },
    });
    expect((await testChannel(channel.id)).status).toBe('sent');
    const body = r.requests[0]?.json as {
      content: string;
      embeds: { title: string; description: string; color: number; timestamp: string }[];
    };
    expect(r.requests[0]?.path).toBe('/api/webhooks/1/tok');
    expect(body.content).toContain('[TEST]');
    expect(body.embeds).toHaveLength(1);
    expect(body.embeds[0]).toMatchObject({
      title: body.content,
      color: expect.any(Number),
      timestamp: expect.any(String),
    });
  });

  it('slack: text and blocks', async () => {
    const r = await receiver();
    const channel = await createChannel({
      kind: 'slack',
      name: 'slack',
      secrets: { url: `${r.url}/services/T/B/X` },
    });
    expect((await testChannel(channel.id)).status).toBe('sent');
    const body = r.requests[0]?.json as { text: string; blocks: { type: string }[] };
    expect(body.text).toContain('[TEST]');
    expect(body.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context']);
  });

  it('telegram: sendMessage with chat_id, text and parse_mode against a configurable base', async () => {
    const r = await receiver();
    const channel = await createChannel({
      kind: 'telegram',
      name: 'tg',
      config: { apiBase: r.url, chatId: '-100123' },
      secrets: { botToken: '123:ABC' },
    });
    expect((await testChannel(channel.id)).status).toBe('sent');
    expect(r.requests[0]?.path).toBe('/bot123:ABC/sendMessage');
    expect(r.requests[0]?.json).toMatchObject({
      chat_id: '-100123',
      parse_mode: 'HTML',
      text: expect.stringContaining('<b>'),
    });
  });

  it('e-mail over STARTTLS with a private CA and AUTH: the parsed mail has text and HTML', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-smtp-'));
    const tls = makeTlsFiles(dir);
    const smtp = await startSmtp({
      tls: { key: fs.readFileSync(tls.serverKey, 'utf8'), cert: fs.readFileSync(tls.serverCert, 'utf8') },
      auth: { username: 'mailer', password: 's3cret-pass' },
    });
    try {
      const channel = await createChannel({
        kind: 'email',
        name: 'mail',
        config: {
          host: '127.0.0.1',
          port: smtp.port,
          security: 'starttls',
          username: 'mailer',
          from: 'archnest@example.test',
          to: ['ops@example.test'],
          ca: fs.readFileSync(tls.caCert, 'utf8'),
        },
        secrets: { password: 's3cret-pass' },
      });
      expect(channel.secretsSet).toEqual(['password']);
      const delivery = await testChannel(channel.id);
      expect(delivery).toMatchObject({ status: 'sent', httpStatus: null });
      const [mail] = await smtp.waitFor(1);
      expect(smtp.secureSessions).toEqual([true]);
      expect(smtp.logins).toEqual([{ username: 'mailer', password: 's3cret-pass' }]);
      expect(mail?.subject).toContain('[TEST]');
      expect(mail?.text).toContain('This is a test message');
      expect(mail?.html).toContain('<h2');
      expect(mail?.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('ops@example.test');
    } finally {
      await smtp.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('e-mail over implicit TLS; an untrusted certificate fails without a retry (verification stays on)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-smtps-'));
    const tls = makeTlsFiles(dir);
    const smtp = await startSmtp({
      secure: true,
      tls: { key: fs.readFileSync(tls.serverKey, 'utf8'), cert: fs.readFileSync(tls.serverCert, 'utf8') },
    });
    try {
      const config = {
        host: '127.0.0.1',
        port: smtp.port,
        security: 'tls',
        from: 'a@example.test',
        to: ['b@example.test'],
      };
      const trusted = await createChannel({
        kind: 'email',
        name: 'smtps',
        config: { ...config, ca: fs.readFileSync(tls.caCert, 'utf8') },
      });
      expect((await testChannel(trusted.id)).status).toBe('sent');
      expect((await smtp.waitFor(1))[0]?.html).toBeTruthy();
      const untrusted = await createChannel({ kind: 'email', name: 'smtps-untrusted', config });
      const failed = await testChannel(untrusted.id);
      expect(failed.status).toBe('failed');
      expect(failed.attempts).toBe(1);
      expect(smtp.mails).toHaveLength(1);
    } finally {
      await smtp.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('retries and the delivery log', () => {
  it('5xx is retried with backoff until it succeeds, and the log shows each outcome', async () => {
    const r = await receiver({ status: (n) => (n < 2 ? 503 : 200) });
    const channel = await createChannel({
      kind: 'webhook',
      name: 'flaky',
      secrets: { url: r.url, signingSecret: 'x'.repeat(16) },
    });
    const delivery = await testChannel(channel.id);
    expect(delivery).toMatchObject({ status: 'sent', attempts: 3, httpStatus: 200 });
    expect(r.requests).toHaveLength(3);
    const log = await t.app.inject({
      method: 'GET',
      url: `/api/alert-channels/${channel.id}/deliveries`,
      headers: { cookie: admin },
    });
    expect(log.json<Delivery[]>()[0]).toMatchObject({ id: delivery.id, status: 'sent', attempts: 3 });
  });

  it('a 4xx is not retried; the error is logged', async () => {
    const r = await receiver({ status: () => 404 });
    const channel = await createChannel({ kind: 'slack', name: 'gone', secrets: { url: r.url } });
    const delivery = await testChannel(channel.id);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1, httpStatus: 404 });
    expect(delivery.error).toContain('HTTP 404');
    expect(r.requests).toHaveLength(1);
  });

  it('500 on every attempt fails after the attempts run out', async () => {
    const r = await receiver({ status: () => 500 });
    const channel = await createChannel({
      kind: 'gotify',
      name: 'down',
      config: { server: r.url },
      secrets: { token: 't' },
    });
    const delivery = await testChannel(channel.id);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 3, httpStatus: 500 });
    expect(r.requests).toHaveLength(3);
  });

  it('a refused connection is retried and logged as refused', async () => {
    const port = await freePort();
    const channel = await createChannel({
      kind: 'ntfy',
      name: 'refused',
      config: { server: `http://127.0.0.1:${port}`, topic: 't' },
    });
    const delivery = await testChannel(channel.id);
    expect(delivery).toMatchObject({ status: 'failed', attempts: 3, httpStatus: null });
    expect(delivery.error).toBe('The connection was refused.');
  });

  it('a timeout is retried; a slow channel does not delay another one', async () => {
    const slow = await receiver({ delayMs: 5000 });
    const fast = await receiver();
    const slowChannel = await createChannel({
      kind: 'webhook',
      name: 'slow',
      timeoutSeconds: 1,
      secrets: { url: slow.url, signingSecret: 'y'.repeat(16) },
    });
    const fastChannel = await createChannel({
      kind: 'webhook',
      name: 'fast',
      secrets: { url: fast.url, signingSecret: 'z'.repeat(16) },
    });
    const started = Date.now();
    const slowResult = testChannel(slowChannel.id);
    await slow.waitFor(1);
    const fastDelivery = await testChannel(fastChannel.id);
    expect(fastDelivery.status).toBe('sent');
    expect(Date.now() - started).toBeLessThan(900);
    const slowDelivery = await slowResult;
    expect(slowDelivery).toMatchObject({ status: 'failed', attempts: 3, error: 'No answer within 1 s.' });
    expect(slow.requests).toHaveLength(3);
  });
});

describe('channel input', () => {
  it('rejects a bad URL, an unknown scheme and a generic webhook without a signing secret', async () => {
    for (const url of ['nope://x', 'not a url', 'generic+https://example.test/hook']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/alert-channels',
        headers: { cookie: admin },
        payload: { name: 'x', url },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'invalid_channel_url' });
    }
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/alert-channels',
      headers: { cookie: admin },
      payload: { kind: 'webhook', name: 'x', secrets: { url: 'ftp://x', signingSecret: 'short' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('an update keeps absent secrets, replaces given ones, and never returns them', async () => {
    const r = await receiver();
    const channel = await createChannel({
      kind: 'gotify',
      name: 'g',
      config: { server: r.url },
      secrets: { token: 'old-token' },
    });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/alert-channels/${channel.id}`,
      headers: { cookie: admin },
      payload: { name: 'g2' },
    });
    expect(res.json()).toMatchObject({ name: 'g2', secretsSet: ['token'] });
    await testChannel(channel.id);
    expect(r.requests.at(-1)?.headers['x-gotify-key']).toBe('old-token');
    await t.app.inject({
      method: 'PATCH',
      url: `/api/alert-channels/${channel.id}`,
      headers: { cookie: admin },
      payload: { secrets: { token: 'new-token' } },
    });
    await testChannel(channel.id);
    expect(r.requests.at(-1)?.headers['x-gotify-key']).toBe('new-token');
    const row = await t.database.db
      .selectFrom('alert_channels')
      .selectAll()
      .where('id', '=', channel.id)
      .executeTakeFirstOrThrow();
    expect(row.secrets_sealed).not.toContain('new-token');
    expect(row.config).not.toContain('token');
  });
});
