import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEc2Fake, type Ec2Fake } from '@archnest/test-support';
import { AwsEc2Integration } from '../../src/integrations/aws-ec2/aws-ec2.integration';
import { IntegrationError } from '../../src/integrations/integration-error';

/** The real AWS SDK (Query protocol, SigV4, paginator) pointed at the loopback EC2 fake. */
describe('AWS EC2 integration', () => {
  let fake: Ec2Fake;
  const make = (secretAccessKey: string, accessKeyId = fake.accessKeyId) =>
    new AwsEc2Integration({
      id: 'e1',
      name: 'Prod AWS',
      config: { regions: ['eu-central-1', 'us-east-1'], auth: 'keys', accessKeyId, endpoint: fake.url },
      secrets: { secretAccessKey },
      tls: { pinnedSha256: null, ca: null },
    });

  beforeAll(async () => {
    // Pages of at most 2: eu-central-1's 5 instances take 3 pages, us-east-1's 3 take 2.
    fake = await startEc2Fake({ pageSize: 2 });
  });
  afterAll(async () => {
    await fake?.stop();
  });

  it('reads every page of every region through the SDK paginator', async () => {
    const snapshot = await make(fake.secretAccessKey).listResources(AbortSignal.timeout(10_000));
    expect(fake.calls()).toEqual({ 'eu-central-1': 3, 'us-east-1': 2 });
    const [group] = snapshot.groups;
    expect(group).toMatchObject({ key: null, title: 'Prod AWS', subtitle: '2 regions' });
    expect(group?.members).toHaveLength(8);
    const expected = fake.instances['eu-central-1']?.[0];
    const first = group?.members.find((m) => m.id === expected?.instanceId);
    expect(first).toMatchObject({
      name: 'eu-central-1-app-1',
      type: 'instance',
      status: 'running',
      health: 'ok',
    });
    expect(first?.details).toEqual(
      expect.arrayContaining([
        { label: 'Instance type', value: 'm6i.large' },
        { label: 'Region', value: 'eu-central-1' },
        { label: 'Availability zone', value: 'eu-central-1a' },
        { label: 'Private IP', value: '10.0.0.0' },
        { label: 'Public IP', value: '203.0.113.0' },
        { label: 'Launched', value: '2026-01-01T00:00:00.000Z' },
      ]),
    );
    expect(first?.tags).toEqual(['team=ops']);
    const unnamed = fake.instances['eu-central-1']?.[2];
    expect(group?.members.find((m) => m.id === unnamed?.instanceId)?.name).toBe(unnamed?.instanceId);
    expect(group?.members.filter((m) => m.status === 'stopped').map((m) => m.health)).toEqual(['off']);
  });

  it('reports an unknown access key or a wrong secret (bad signature) as auth_failed', async () => {
    for (const [secret, keyId] of [
      [fake.secretAccessKey, 'AKIAWRONGWRONGWRONG'],
      ['not-the-secret', fake.accessKeyId],
    ] as const) {
      const err = await make(secret, keyId)
        .listResources(AbortSignal.timeout(10_000))
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IntegrationError);
      expect((err as IntegrationError).code).toBe('auth_failed');
    }
  });
});
