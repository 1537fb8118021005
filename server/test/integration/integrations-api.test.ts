import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditPage, Integration, IntegrationTestResult } from '@archnest/contract';
import {
  startProxmoxFake,
  startUptimeKumaFake,
  type ProxmoxFake,
  type UptimeKumaFake,
} from '@archnest/test-support';
import { createUser, login, MEMBER_PASSWORD, setupAdmin } from '../helpers/accounts';
import { createTestApp, dialects, type TestApp } from '../helpers/test-app';

const TOKEN_SECRET = 'pve-secret-5c1b7e';
const KUMA_KEY = 'uk1_kumaSecretKey_9f2a';

/** Admin API for integration instances on SQLite and PostgreSQL: CRUD, test, validation, secrecy. */
describe.each(dialects)('integrations API (%s)', (dialect) => {
  let proxmox: ProxmoxFake;
  let kuma: UptimeKumaFake;
  let t: TestApp;
  let admin: string;
  let member: string;
  const seen: string[] = [];
  const logs: string[] = [];

  beforeAll(async () => {
    proxmox = await startProxmoxFake({ tls: 'self-signed', tokenSecret: TOKEN_SECRET });
    kuma = await startUptimeKumaFake({ apiKey: KUMA_KEY });
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        logs.push(chunk.toString());
        done();
      },
    });
    t = await createTestApp({ dialect, logger: { level: 'trace', stream } });
    admin = await setupAdmin(t.app);
    await createUser(t.app, admin, 'viewer');
    member = await login(t.app, 'viewer', MEMBER_PASSWORD);
  });
  afterAll(async () => {
    await t?.close();
    await proxmox?.stop();
    await kuma?.stop();
  });

  const call = async (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: unknown,
    cookie = admin,
  ) => {
    const r = await t.app.inject({
      method,
      url,
      headers: { cookie },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    seen.push(r.body);
    return { status: r.statusCode, body: r.body ? (JSON.parse(r.body) as unknown) : null };
  };

  const proxmoxBody = () => ({
    kind: 'proxmox',
    name: 'Homelab',
    config: { url: proxmox.url, tokenId: proxmox.tokenId },
    secrets: { tokenSecret: TOKEN_SECRET },
  });

  it('creates an instance with defaults, reports secrets only as set, and audits without values', async () => {
    const created = await call('POST', '/api/integrations', proxmoxBody());
    expect(created.status).toBe(201);
    const body = created.body as Integration;
    expect(body).toMatchObject({
      kind: 'proxmox',
      name: 'Homelab',
      config: { url: proxmox.url, tokenId: proxmox.tokenId, showTemplates: false },
      secretsSet: ['tokenSecret'],
      tls: { pinnedSha256: null, hasCa: false },
      pollIntervalSeconds: 30,
      timeoutSeconds: 5,
    });
    const list = await call('GET', '/api/integrations');
    expect((list.body as Integration[]).map((i) => i.id)).toEqual([body.id]);
    const audit = await call('GET', '/api/admin/audit');
    const entry = (audit.body as AuditPage).entries.find((e) => e.action === 'integration.created');
    expect(entry).toMatchObject({
      targetId: body.id,
      detail: { kind: 'proxmox', secretsSet: ['tokenSecret'] },
    });
  });

  it('tests a self-signed server: tls_untrusted with its fingerprint, then ok once pinned', async () => {
    const [instance] = (await call('GET', '/api/integrations')).body as Integration[];
    const refused = await call('POST', `/api/integrations/${instance?.id}/test`);
    expect(refused.status).toBe(200);
    const result = refused.body as IntegrationTestResult;
    expect(result).toMatchObject({ ok: false, errorCode: 'tls_untrusted', resourceCount: null });
    expect(result.certificate).toMatchObject({ sha256: proxmox.fingerprint, selfSigned: true });

    const pin = (proxmox.fingerprint ?? '').replace(/:/g, '').toLowerCase();
    const pinned = await call('PATCH', `/api/integrations/${instance?.id}`, { tls: { pinnedSha256: pin } });
    expect(pinned.status).toBe(200);
    expect((pinned.body as Integration).tls.pinnedSha256).toBe(proxmox.fingerprint);
    const ok = (await call('POST', `/api/integrations/${instance?.id}/test`)).body as IntegrationTestResult;
    expect(ok).toMatchObject({ ok: true, errorCode: null, resourceCount: 7 });
    expect(ok.certificate?.sha256).toBe(proxmox.fingerprint);
  });

  it('keeps, replaces and clears secrets on PATCH and validates config with the kind schema', async () => {
    const [instance] = (await call('GET', '/api/integrations')).body as Integration[];
    const url = `/api/integrations/${instance?.id}`;
    const renamed = await call('PATCH', url, {
      name: 'Lab',
      config: { url: proxmox.url, tokenId: proxmox.tokenId, showTemplates: true },
    });
    expect(renamed.body).toMatchObject({
      name: 'Lab',
      secretsSet: ['tokenSecret'],
      config: { showTemplates: true },
    });
    expect((await call('POST', `${url}/test`)).body).toMatchObject({ ok: true, resourceCount: 8 });

    const badUrl = await call('PATCH', url, { config: { url: 'ftp://x', tokenId: proxmox.tokenId } });
    expect(badUrl.status).toBe(400);
    expect(badUrl.body).toMatchObject({ error: 'invalid_request', issues: [{ path: ['config', 'url'] }] });
    const unknownSecret = await call('PATCH', url, { secrets: { password: 'x' } });
    expect(unknownSecret.status).toBe(400);
    const cleared = await call('PATCH', url, { secrets: { tokenSecret: null } });
    expect(cleared.status).toBe(400);

    const wrong = await call('PATCH', url, { secrets: { tokenSecret: 'not-it' } });
    expect(wrong.body).toMatchObject({ secretsSet: ['tokenSecret'] });
    expect((await call('POST', `${url}/test`)).body).toMatchObject({ ok: false, errorCode: 'auth_failed' });
    await call('PATCH', url, { secrets: { tokenSecret: TOKEN_SECRET } });
    expect((await call('POST', `${url}/test`)).body).toMatchObject({ ok: true });
  });

  it('refuses Uptime Kuma without a slug or key, and EC2 keys auth without both halves', async () => {
    const kumaNothing = await call('POST', '/api/integrations', {
      kind: 'uptime-kuma',
      name: 'K',
      config: { url: kuma.url },
    });
    expect(kumaNothing.status).toBe(400);
    expect(kumaNothing.body).toMatchObject({
      error: 'invalid_request',
      message: expect.stringMatching(/slug/),
    });
    const ec2 = await call('POST', '/api/integrations', {
      kind: 'aws-ec2',
      name: 'E',
      config: { regions: ['eu-central-1'], accessKeyId: 'AKIAFAKE0000EXAMPLE' },
    });
    expect(ec2.status).toBe(400);
    expect(ec2.body).toMatchObject({ message: expect.stringMatching(/secret access key/) });
    const chain = await call('POST', '/api/integrations', {
      kind: 'aws-ec2',
      name: 'E',
      config: { regions: ['eu-central-1'], auth: 'default-chain' },
    });
    expect(chain.status).toBe(201);
    await call('DELETE', `/api/integrations/${(chain.body as Integration).id}`);

    const k = await call('POST', '/api/integrations', {
      kind: 'uptime-kuma',
      name: 'Kuma',
      config: { url: kuma.url },
      secrets: { apiKey: KUMA_KEY },
    });
    expect(k.status).toBe(201);
    const id = (k.body as Integration).id;
    expect((await call('PATCH', `/api/integrations/${id}`, { secrets: { apiKey: null } })).status).toBe(400);
    const both = await call('PATCH', `/api/integrations/${id}`, {
      config: { url: kuma.url, statusPageSlug: kuma.slug },
      secrets: { apiKey: null },
    });
    expect(both.body).toMatchObject({ secretsSet: [], config: { statusPageSlug: kuma.slug } });
    expect((await call('POST', `/api/integrations/${id}/test`)).body).toMatchObject({
      ok: true,
      resourceCount: 5,
    });
  });

  it('answers 403 to a member on every integration admin route', async () => {
    for (const [method, url] of [
      ['GET', '/api/integrations'],
      ['POST', '/api/integrations'],
      ['PATCH', '/api/integrations/x'],
      ['DELETE', '/api/integrations/x'],
      ['POST', '/api/integrations/x/test'],
    ] as const) {
      expect(
        (await call(method, url, method === 'GET' || method === 'DELETE' ? undefined : {}, member)).status,
      ).toBe(403);
    }
  });

  it('deletes instances (404 afterwards) and never sent or logged a secret', async () => {
    for (const i of (await call('GET', '/api/integrations')).body as Integration[]) {
      expect((await call('DELETE', `/api/integrations/${i.id}`)).status).toBe(204);
      expect((await call('POST', `/api/integrations/${i.id}/test`)).status).toBe(404);
    }
    expect((await call('GET', '/api/integrations')).body).toEqual([]);
    const audit = (await call('GET', '/api/admin/audit')).body as AuditPage;
    expect(audit.entries.filter((e) => e.action === 'integration.deleted')).toHaveLength(3);
    const everything = seen.join('\n') + logs.join('\n');
    expect(everything.length).toBeGreaterThan(1000);
    for (const secret of [TOKEN_SECRET, KUMA_KEY, 'not-it']) expect(everything).not.toContain(secret);
  });
});
