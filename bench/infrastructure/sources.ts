import { startEc2Fake, startProxmoxFake, startUptimeKumaFake, type FakeServer } from '@archnest/test-support';

export interface BenchSource {
  fake: FakeServer;
  /** The POST /api/integrations body. */
  body: Record<string, unknown>;
  resources: number;
}

/**
 * Ten sources holding `total` resources: three EC2 accounts (40 %, 6 %, 2 %), three Proxmox clusters
 * of five nodes (10 % each, over pinned self-signed TLS) and four Uptime Kuma instances sharing the rest (5.5 % each).
 */
export async function startBenchSources(total: number): Promise<BenchSource[]> {
  const out: BenchSource[] = [];
  const ec2Shares = [0.4, 0.06, 0.02];
  for (const [i, share] of ec2Shares.entries()) {
    const n = Math.round(total * share);
    const half = Math.floor(n / 2);
    const fake = await startEc2Fake({ instances: { 'eu-central-1': half, 'us-east-1': n - half } });
    out.push({
      fake,
      resources: n,
      body: {
        kind: 'aws-ec2',
        name: `AWS account ${i + 1}`,
        config: { regions: ['eu-central-1', 'us-east-1'], accessKeyId: fake.accessKeyId, endpoint: fake.url },
        secrets: { secretAccessKey: fake.secretAccessKey },
      },
    });
  }
  for (let i = 0; i < 3; i++) {
    const n = Math.round(total * 0.1);
    // The fixed set shows 7 guests (the template is hidden).
    const fake = await startProxmoxFake({ tls: 'self-signed', extraGuests: n - 7, extraNodes: 2 });
    out.push({
      fake,
      resources: n,
      body: {
        kind: 'proxmox',
        name: `Cluster ${i + 1}`,
        config: { url: fake.url, tokenId: fake.tokenId },
        secrets: { tokenSecret: fake.tokenSecret },
        tls: { pinnedSha256: fake.fingerprint },
      },
    });
  }
  let kumaLeft = total - out.reduce((n, s) => n + s.resources, 0);
  for (let i = 0; i < 4; i++) {
    const n = Math.round(kumaLeft / (4 - i));
    kumaLeft -= n;
    const fake = await startUptimeKumaFake({ extraMonitors: n - 5 });
    out.push({
      fake,
      resources: n,
      body: {
        kind: 'uptime-kuma',
        name: `Kuma ${i + 1}`,
        config: { url: fake.url, statusPageSlug: fake.slug },
        secrets: { apiKey: fake.apiKey },
      },
    });
  }
  return out;
}
