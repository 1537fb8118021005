import {
  Ec2Config,
  Ec2Secrets,
  integrationKinds,
  type InfraHealth,
  type InfraResource,
} from '@archnest/contract';
import type { z } from 'zod';
import { lazyRequire } from '../../util/lazy-require';
import { IntegrationError } from '../integration-error';
import { BaseIntegration, defineIntegration, type ResourceSnapshot } from '../integration';
import type { Ec2InstanceWire, Ec2Sdk } from './aws-ec2.types';

type Config = z.output<typeof Ec2Config>;
type Secrets = z.output<typeof Ec2Secrets>;

const loadSdk = lazyRequire<Ec2Sdk>('@aws-sdk/client-ec2');

const HEALTH: Record<string, InfraHealth> = {
  running: 'ok',
  pending: 'warning',
  stopping: 'warning',
  'shutting-down': 'warning',
  stopped: 'off',
  terminated: 'off',
};

function toResource(i: Ec2InstanceWire, region: string): InfraResource {
  const id = i.InstanceId ?? 'unknown';
  const name = i.Tags?.find((t) => t.Key === 'Name')?.Value;
  const state = i.State?.Name ?? 'unknown';
  const details: InfraResource['details'] = [
    { label: 'Instance id', value: id },
    { label: 'Instance type', value: i.InstanceType ?? '—' },
    { label: 'Region', value: region },
    { label: 'Availability zone', value: i.Placement?.AvailabilityZone ?? '—' },
    { label: 'Private IP', value: i.PrivateIpAddress ?? '—' },
    { label: 'Public IP', value: i.PublicIpAddress ?? '—' },
  ];
  if (i.LaunchTime) details.push({ label: 'Launched', value: i.LaunchTime.toISOString() });
  if (i.ImageId) details.push({ label: 'AMI', value: i.ImageId });
  return {
    id,
    name: name || id,
    type: 'instance',
    status: state,
    health: HEALTH[state] ?? 'unknown',
    cpu: null,
    memoryUsedBytes: null,
    memoryTotalBytes: null,
    diskUsedBytes: null,
    diskTotalBytes: null,
    uptimeSeconds: null,
    tags: (i.Tags ?? []).filter((t) => t.Key && t.Key !== 'Name').map((t) => `${t.Key}=${t.Value ?? ''}`),
    details,
  };
}

function explain(err: unknown, signal: AbortSignal, region: string): IntegrationError {
  if (err instanceof IntegrationError) return err;
  if (signal.aborted) return new IntegrationError('timeout', `EC2 in ${region} did not answer in time.`);
  const e = err as {
    name?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
    code?: string;
  };
  const status = e.$metadata?.httpStatusCode;
  if (e.name === 'AuthFailure' || e.name === 'UnauthorizedOperation' || status === 401 || status === 403) {
    return new IntegrationError(
      'auth_failed',
      `EC2 in ${region} refused the credentials (${e.name ?? status}).`,
    );
  }
  if (e.name === 'CredentialsProviderError') {
    return new IntegrationError(
      'auth_failed',
      'The default credential chain found no AWS credentials on this server.',
    );
  }
  if (typeof status === 'number' && status >= 500)
    return new IntegrationError('http_error', `EC2 in ${region} answered HTTP ${status}.`);
  if (e.code && /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EHOSTUNREACH|EAI_AGAIN)$/.test(e.code)) {
    return new IntegrationError('unreachable', `EC2 in ${region} could not be reached (${e.code}).`);
  }
  if (e.name === 'SyntaxError' || /xml|deserializ|parse/i.test(e.message ?? '')) {
    return new IntegrationError('bad_response', `EC2 in ${region} sent an answer that could not be read.`);
  }
  return new IntegrationError('failed', `EC2 in ${region}: ${(e.message ?? String(err)).slice(0, 200)}`);
}

/**
 * AWS EC2 through the AWS SDK: DescribeInstances in every configured region, every page via the SDK's
 * paginator. The SDK's HTTPS goes through this instance's trust agent, so TLS pinning applies here too.
 */
export class AwsEc2Integration extends BaseIntegration<Config, Secrets> {
  async listResources(signal: AbortSignal): Promise<ResourceSnapshot> {
    const perRegion = await Promise.all(this.instance.config.regions.map((r) => this.readRegion(r, signal)));
    const members = perRegion.flat();
    const regions = this.instance.config.regions.length;
    return {
      groups: [
        {
          key: null,
          title: this.instance.name,
          subtitle: regions === 1 ? (this.instance.config.regions[0] ?? null) : `${regions} regions`,
          members,
        },
      ],
    };
  }

  private async readRegion(region: string, signal: AbortSignal): Promise<InfraResource[]> {
    const sdk = loadSdk();
    const { config, secrets } = this.instance;
    const client = new sdk.EC2Client({
      region,
      maxAttempts: 1,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      ...(config.auth === 'keys'
        ? {
            credentials: {
              accessKeyId: config.accessKeyId ?? '',
              secretAccessKey: secrets.secretAccessKey ?? '',
            },
          }
        : {}),
      requestHandler: { httpsAgent: this.http.httpsAgent },
    });
    const out: InfraResource[] = [];
    try {
      for await (const page of sdk.paginateDescribeInstances(
        { client, pageSize: 1000 },
        {},
        { abortSignal: signal },
      )) {
        for (const reservation of page.Reservations ?? []) {
          for (const instance of reservation.Instances ?? []) out.push(toResource(instance, region));
        }
      }
    } catch (err) {
      throw explain(err, signal, region);
    }
    return out;
  }
}

export const awsEc2Definition = defineIntegration<Config, Secrets>({
  meta: integrationKinds['aws-ec2'],
  config: Ec2Config,
  secrets: Ec2Secrets,
  check: (config, secrets) =>
    config.auth === 'keys' && (!config.accessKeyId || !secrets.secretAccessKey)
      ? 'Access key authentication needs both the access key id and the secret access key.'
      : null,
  create: (instance) => new AwsEc2Integration(instance),
});
