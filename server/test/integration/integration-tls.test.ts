import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxmoxFake, type ProxmoxFake } from '@archnest/test-support';
import { IntegrationError } from '../../src/integrations/integration-error';
import { ProxmoxIntegration } from '../../src/integrations/proxmox/proxmox.integration';
import { trustAgent, type IntegrationTls } from '../../src/integrations/tls-trust';

const WRONG_PIN = Array.from({ length: 32 }, () => 'AB').join(':');

function proxmox(fake: ProxmoxFake, trust: IntegrationTls): ProxmoxIntegration {
  return new ProxmoxIntegration({
    id: 'p1',
    name: 'Lab',
    config: { url: fake.url, tokenId: fake.tokenId, showTemplates: false },
    secrets: { tokenSecret: fake.tokenSecret },
    tls: trust,
  });
}

async function failure(run: Promise<unknown>): Promise<IntegrationError> {
  const err = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(IntegrationError);
  return err as IntegrationError;
}

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

const signal = () => AbortSignal.timeout(5000);

/** TLS trust per instance, against both shapes a Proxmox node serves: self-signed and cluster-CA-issued. */
describe('integration TLS trust', () => {
  let selfSigned: ProxmoxFake;
  let caIssued: ProxmoxFake;

  beforeAll(async () => {
    selfSigned = await startProxmoxFake({ tls: 'self-signed' });
    caIssued = await startProxmoxFake({ tls: 'ca-issued' });
  });
  afterAll(async () => {
    await selfSigned?.stop();
    await caIssued?.stop();
  });

  it('refuses a self-signed server with tls_untrusted and reports its certificate, sending no request', async () => {
    const before = selfSigned.requests();
    const err = await failure(proxmox(selfSigned, { pinnedSha256: null, ca: null }).listResources(signal()));
    expect(err.code).toBe('tls_untrusted');
    expect(err.message).toMatch(/self-signed/);
    expect(err.certificate).toMatchObject({ sha256: selfSigned.fingerprint, selfSigned: true });
    expect(err.certificate?.subject).toContain('CN=archnest-self-signed');
    expect(new Date(err.certificate?.validTo ?? 0).getTime()).toBeGreaterThan(Date.now());
    expect(selfSigned.requests()).toBe(before);
  });

  it('works once the self-signed leaf is pinned, and refuses a wrong pin before any request byte', async () => {
    const pinned = await proxmox(selfSigned, {
      pinnedSha256: selfSigned.fingerprint,
      ca: null,
    }).listResources(signal());
    expect(pinned.groups.map((g) => g.title)).toEqual(['pve1', 'pve2', 'pve3']);

    const before = selfSigned.requests();
    const err = await failure(
      proxmox(selfSigned, { pinnedSha256: WRONG_PIN, ca: null }).listResources(signal()),
    );
    expect(err.code).toBe('tls_pin_mismatch');
    expect(err.certificate?.sha256).toBe(selfSigned.fingerprint);
    expect(selfSigned.requests()).toBe(before);
  });

  it('trusts a cluster-CA-issued leaf through the CA, or through a pin of the leaf; neither without', async () => {
    const untrusted = await failure(
      proxmox(caIssued, { pinnedSha256: null, ca: null }).listResources(signal()),
    );
    expect(untrusted.code).toBe('tls_untrusted');
    expect(untrusted.certificate).toMatchObject({ sha256: caIssued.fingerprint, selfSigned: false });
    expect(untrusted.certificate?.issuer).toContain('CN=archnest-test-ca');

    const viaCa = await proxmox(caIssued, { pinnedSha256: null, ca: caIssued.caPem }).listResources(signal());
    expect(viaCa.groups).toHaveLength(3);
    const viaPin = await proxmox(caIssued, { pinnedSha256: caIssued.fingerprint, ca: null }).listResources(
      signal(),
    );
    expect(viaPin.groups).toHaveLength(3);
    const wrongPin = await failure(
      proxmox(caIssued, { pinnedSha256: WRONG_PIN, ca: caIssued.caPem }).listResources(signal()),
    );
    expect(wrongPin.code).toBe('tls_pin_mismatch');
  });

  it('does not let a resumed TLS session skip the pin check', async () => {
    // Control: this server does resume sessions for an ordinary client that offers one.
    const session = await new Promise<Buffer>((resolve, reject) => {
      const s = tls.connect({ host: '127.0.0.1', port: caIssued.port, ca: caIssued.caPem ?? '' });
      s.once('session', (data: Buffer) => {
        resolve(data);
        s.end();
      });
      s.once('error', reject);
    });
    const resumedBefore = caIssued.resumedSessions();
    await new Promise<void>((resolve, reject) => {
      const s = tls.connect({ host: '127.0.0.1', port: caIssued.port, ca: caIssued.caPem ?? '', session });
      s.once('secureConnect', () => {
        expect(s.isSessionReused()).toBe(true);
        s.end();
        resolve();
      });
      s.once('error', reject);
    });
    await until(() => caIssued.resumedSessions() === resumedBefore + 1);

    // The pinned agent drops the offered session, so the handshake is full and the leaf is compared.
    const agent = trustAgent({ pinnedSha256: WRONG_PIN, ca: null });
    const refused = await new Promise<Error | null>((resolve) => {
      agent.createConnection({ host: '127.0.0.1', port: caIssued.port, session } as never, (err) =>
        resolve(err),
      );
    });
    expect((refused as IntegrationError).code).toBe('tls_pin_mismatch');
    expect(caIssued.resumedSessions()).toBe(resumedBefore + 1);

    // Repeated pinned reads never resume either (no session cache), so each one checks the live leaf.
    const integration = proxmox(caIssued, { pinnedSha256: caIssued.fingerprint, ca: null });
    for (let i = 0; i < 3; i++) {
      integration.dispose();
      await integration.listResources(signal());
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(caIssued.resumedSessions()).toBe(resumedBefore + 1);
    agent.destroy();
  });
});
