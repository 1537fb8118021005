import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InfraTileDetail, Integration } from '@archnest/contract';
import { startEc2Fake, type Ec2Fake } from '@archnest/test-support';
import { setupAdmin } from '../helpers/accounts';
import { createTestApp, type TestApp } from '../helpers/test-app';

/** A 2,000-member tile: served whole, gzipped for clients that accept it, fresh after every poll. */
describe('a large tile detail', () => {
  let ec2: Ec2Fake;
  let t: TestApp;
  let admin: string;
  let sourceId: string;

  beforeAll(async () => {
    ec2 = await startEc2Fake({ instances: { 'eu-central-1': 2000 } });
    t = await createTestApp();
    admin = await setupAdmin(t.app);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/integrations',
      headers: { cookie: admin },
      payload: {
        kind: 'aws-ec2',
        name: 'Big',
        config: { regions: ['eu-central-1'], accessKeyId: ec2.accessKeyId, endpoint: ec2.url },
        secrets: { secretAccessKey: ec2.secretAccessKey },
        timeoutSeconds: 30,
      },
    });
    sourceId = `integration:${created.json<Integration>().id}`;
    await t.services.infrastructure.sync();
    expect((await t.services.infrastructure.refresh(sourceId)).state).toBe('ok');
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await ec2?.stop();
  });

  const read = (encoding?: string) =>
    t.app.inject({
      url: `/api/infrastructure/tiles/${encodeURIComponent(sourceId)}`,
      headers: { cookie: admin, ...(encoding ? { 'accept-encoding': encoding } : {}) },
    });

  it('answers plain JSON and, when accepted, the same JSON gzipped', async () => {
    const plain = await read();
    expect(plain.headers['content-encoding']).toBeUndefined();
    const body = plain.json<InfraTileDetail>();
    expect(body.members).toHaveLength(2000);
    const zipped = await read('gzip, deflate, br');
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toContain('accept-encoding');
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 5);
    expect(JSON.parse(gunzipSync(zipped.rawPayload).toString('utf8'))).toEqual(body);
  });

  it('serves the state of the latest poll, not a detail cached before it', async () => {
    ec2.setFault('500');
    try {
      await t.services.infrastructure.refresh(sourceId);
      const after = JSON.parse(
        gunzipSync((await read('gzip')).rawPayload).toString('utf8'),
      ) as InfraTileDetail;
      expect(after.source).toMatchObject({ state: 'error', error: { code: 'http_error' } });
      expect(after.members).toHaveLength(2000);
    } finally {
      ec2.setFault(null);
    }
  });
});
