import { checkSigV4 } from './sigv4';
import { startFakeHttp, type FakeAnswer, type FakeServer, type FakeServerOptions } from './fake-http';

export interface Ec2FakeOptions extends FakeServerOptions {
  accessKeyId?: string;
  /** The secret the SigV4 signature must be made with; default `fake-secret-access-key`. */
  secretAccessKey?: string;
  /** Instances per region; default `{ 'eu-central-1': 5, 'us-east-1': 3 }`. */
  instances?: Record<string, number>;
  /** The most instances one page carries, whatever MaxResults asks (EC2 may return fewer). Default 1000. */
  pageSize?: number;
}

export interface Ec2FakeInstance {
  instanceId: string;
  name: string | null;
  state: 'pending' | 'running' | 'stopped';
  instanceType: string;
  availabilityZone: string;
  privateIp: string;
  publicIp: string | null;
  launchTime: string;
}

export interface Ec2Fake extends FakeServer {
  accessKeyId: string;
  secretAccessKey: string;
  instances: Record<string, Ec2FakeInstance[]>;
  /** DescribeInstances calls per region, to prove every page and region was read. */
  calls(): Record<string, number>;
}

const STATE_CODES = { pending: 0, running: 16, stopped: 80 } as const;

export function ec2Instances(region: string, count: number): Ec2FakeInstance[] {
  const out: Ec2FakeInstance[] = [];
  for (let i = 0; i < count; i++) {
    const hex = (region.length * 1_000_003 + i).toString(16).padStart(17, '0').slice(-17);
    out.push({
      instanceId: `i-${hex}`,
      // One instance without a Name tag: the UI falls back to its id.
      name: i === 2 ? null : `${region}-app-${i + 1}`,
      state: i % 5 === 4 ? 'stopped' : i % 7 === 6 ? 'pending' : 'running',
      instanceType: i % 2 ? 't3.micro' : 'm6i.large',
      availabilityZone: `${region}${'abc'[i % 3]}`,
      privateIp: `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`,
      publicIp: i % 2 ? null : `203.0.113.${i % 250}`,
      launchTime: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    });
  }
  return out;
}

const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function instanceXml(i: Ec2FakeInstance): string {
  const tags = i.name
    ? `<tagSet><item><key>Name</key><value>${esc(i.name)}</value></item><item><key>team</key><value>ops</value></item></tagSet>`
    : '<tagSet><item><key>team</key><value>ops</value></item></tagSet>';
  return [
    '<item>',
    `<instanceId>${i.instanceId}</instanceId><imageId>ami-0123456789abcdef0</imageId>`,
    `<instanceState><code>${STATE_CODES[i.state]}</code><name>${i.state}</name></instanceState>`,
    `<privateDnsName>ip-${i.privateIp.replace(/\./g, '-')}.ec2.internal</privateDnsName><dnsName/>`,
    `<instanceType>${i.instanceType}</instanceType><launchTime>${i.launchTime}</launchTime>`,
    `<placement><availabilityZone>${i.availabilityZone}</availabilityZone><tenancy>default</tenancy></placement>`,
    `<monitoring><state>disabled</state></monitoring><privateIpAddress>${i.privateIp}</privateIpAddress>`,
    i.publicIp ? `<ipAddress>${i.publicIp}</ipAddress>` : '',
    `<architecture>x86_64</architecture><rootDeviceType>ebs</rootDeviceType>${tags}`,
    '</item>',
  ].join('');
}

function ec2Error(status: number, code: string, message: string): FakeAnswer {
  return {
    status,
    type: 'text/xml;charset=UTF-8',
    body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${esc(message)}</Message></Error></Errors><RequestID>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestID></Response>`,
  };
}

/**
 * EC2's Query API on loopback: `POST /` with `Action=DescribeInstances&Version=2016-11-15`, a SigV4
 * Authorization header for the expected access key, its signature verified with the secret, and the region from its credential scope. Answers
 * `DescribeInstancesResponse` XML, one reservation per instance, paged with `NextToken`/`MaxResults`.
 */
export async function startEc2Fake(options: Ec2FakeOptions = {}): Promise<Ec2Fake> {
  const accessKeyId = options.accessKeyId ?? 'AKIAFAKE0000EXAMPLE';
  const secretAccessKey = options.secretAccessKey ?? 'fake-secret-access-key';
  const counts = options.instances ?? { 'eu-central-1': 5, 'us-east-1': 3 };
  const instances = Object.fromEntries(
    Object.entries(counts).map(([region, n]) => [region, ec2Instances(region, n)]),
  );
  const calls: Record<string, number> = {};
  const server = await startFakeHttp(
    options,
    {
      status: 200,
      type: 'text/xml;charset=UTF-8',
      body: '<DescribeInstancesResponse><reservationSet><item>',
    },
    (req) => {
      const scope = checkSigV4(req.method, req.path, req.headers, req.body, 'ec2', (id) =>
        id === accessKeyId ? secretAccessKey : undefined,
      );
      if (!scope)
        return ec2Error(401, 'AuthFailure', 'AWS was not able to validate the provided access credentials');
      if (scope.accessKeyId !== accessKeyId)
        return ec2Error(401, 'AuthFailure', 'The security token included in the request is invalid.');
      if (!scope.valid)
        return ec2Error(
          403,
          'SignatureDoesNotMatch',
          'The request signature we calculated does not match the signature you provided.',
        );
      const form = new URLSearchParams(req.body);
      if (req.method !== 'POST' || form.get('Action') !== 'DescribeInstances')
        return ec2Error(
          400,
          'InvalidAction',
          `The action ${form.get('Action') ?? ''} is not valid for this web service.`,
        );
      if (form.get('Version') !== '2016-11-15') return ec2Error(400, 'InvalidParameterValue', 'Bad Version');
      calls[scope.region] = (calls[scope.region] ?? 0) + 1;
      const maxResults = Number(form.get('MaxResults') ?? 1000);
      if (!Number.isInteger(maxResults) || maxResults < 5 || maxResults > 1000)
        return ec2Error(
          400,
          'InvalidParameterValue',
          'Value for parameter maxResults is invalid. Expecting a value between 5 and 1000.',
        );
      const all = instances[scope.region] ?? [];
      const start = Number(
        form.get('NextToken') ? Buffer.from(form.get('NextToken') ?? '', 'base64url').toString() : 0,
      );
      const end = Math.min(all.length, start + Math.min(maxResults, options.pageSize ?? 1000));
      const next =
        end < all.length ? `<nextToken>${Buffer.from(String(end)).toString('base64url')}</nextToken>` : '';
      const reservations = all
        .slice(start, end)
        .map(
          (i, n) =>
            `<item><reservationId>r-${(start + n).toString(16).padStart(17, '0')}</reservationId><ownerId>123456789012</ownerId><groupSet/><instancesSet>${instanceXml(i)}</instancesSet></item>`,
        )
        .join('');
      return {
        status: 200,
        type: 'text/xml;charset=UTF-8',
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>8f7724cf-496f-496e-8fe3-example</requestId><reservationSet>${reservations}</reservationSet>${next}</DescribeInstancesResponse>`,
      };
    },
  );
  return { ...server, accessKeyId, secretAccessKey, instances, calls: () => ({ ...calls }) };
}
