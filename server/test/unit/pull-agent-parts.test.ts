import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../../agent/pull/src/args';
import { ApiRefusal, matchRoute } from '../../../agent/pull/src/api-routes';
import { certFingerprint, createSelfSignedCert } from '../../src/crypto/self-signed-cert';
import { createEnrolToken, enrolProof, enrolTokenExpiry } from '../../src/docker/pull-agent/enrol-proof';

describe('pull agent command line', () => {
  it('needs --listen and never listens on every interface', () => {
    expect(() => parseArgs([], {})).toThrow(UsageError);
    expect(() => parseArgs(['--listen', '0.0.0.0:7443'], {})).toThrow(/not every interface/);
    expect(() => parseArgs(['--listen', '[::]:7443'], {})).toThrow(/not every interface/);
    expect(() => parseArgs(['--listen', '10.0.0.5'], {})).toThrow(/address>:<port>/);
    expect(() => parseArgs(['--listen', '10.0.0.5:7443', '--privileged'], {})).toThrow(/Unknown option/);
    expect(() => parseArgs(['--listen', '10.0.0.5:7443'], { DOCKER_HOST: 'tcp://x:2375' })).toThrow(/unix/);
    const config = parseArgs(['--listen', '[fd00::5]:7443', '--monitor-only'], {
      ARCHNEST_ENROL_TOKEN: ' t ',
    });
    expect(config).toMatchObject({
      host: 'fd00::5',
      port: 7443,
      monitorOnly: true,
      allowExec: false,
      enrolToken: 't',
    });
  });

  it('reads the token from a systemd credential when the environment has none', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-cred-'));
    fs.writeFileSync(path.join(dir, 'enrol-token'), 'from-credential\n');
    expect(parseArgs(['--listen', '10.0.0.5:7443'], { CREDENTIALS_DIRECTORY: dir }).enrolToken).toBe(
      'from-credential',
    );
    fs.rmSync(dir, { recursive: true });
  });
});

describe('pull agent API table', () => {
  const refusal = (method: string, url: string) => {
    try {
      matchRoute(method, url);
    } catch (error) {
      return error instanceof ApiRefusal ? `${error.status} ${error.code}` : 'other';
    }
    return 'matched';
  };

  it('rebuilds the Docker path from checked parts and drops a pinned API version', () => {
    const matched = matchRoute('GET', '/v1.43/containers/web/logs?tail=20&follow=1');
    expect(matched.dockerPath).toBe('/containers/web/logs');
    expect(matched.query).toBe('?tail=20&follow=1');
    expect(matched.need).toBe('read');
    expect(matchRoute('POST', '/containers/web/kill?signal=SIGTERM').need).toBe('manage');
    expect(matchRoute('POST', '/containers/web/exec').need).toBe('exec');
  });

  it('refuses everything else', () => {
    expect(refusal('GET', '/containers/web/export')).toBe('404 not_found');
    expect(refusal('POST', '/containers/web/attach')).toBe('404 not_found');
    expect(refusal('GET', '/containers/web/json/extra')).toBe('404 not_found');
    expect(refusal('PUT', '/containers/json')).toBe('405 method_not_allowed');
    expect(refusal('GET', '/containers/json?all=1%3Bid')).toBe('400 invalid_request');
    expect(refusal('GET', '/containers/%E0%A4%A/json')).toBe('400 invalid_request');
    expect(refusal('GET', '/containers/we%24b/json')).toBe('400 invalid_reference');
    expect(refusal('POST', `/exec/${'A'.repeat(64)}/start`)).toBe('400 invalid_reference');
  });
});

describe('certificates and enrolment proofs', () => {
  it('makes a certificate openssl reads, with the fingerprint openssl computes (hex vs base64)', () => {
    const { certPem } = createSelfSignedCert('archnest-pull-agent');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-cert-'));
    const file = path.join(dir, 'cert.pem');
    fs.writeFileSync(file, certPem);
    const out = execFileSync(
      'openssl',
      ['x509', '-in', file, '-noout', '-fingerprint', '-sha256', '-subject'],
      {
        encoding: 'utf8',
      },
    );
    fs.rmSync(dir, { recursive: true });
    expect(out).toContain('CN = archnest-pull-agent');
    const hex = /Fingerprint=([0-9A-F:]+)/.exec(out)?.[1]?.replace(/:/g, '') ?? '';
    const ours = certFingerprint(certPem);
    expect(ours).toBe(`SHA256:${Buffer.from(hex, 'hex').toString('base64').replace(/=+$/, '')}`);
  });

  it('binds proofs to the role, both fingerprints and the token', () => {
    const expires = new Date(Date.now() + 900_000);
    const token = createEnrolToken(expires);
    expect(enrolTokenExpiry(token)?.getTime()).toBe(Math.floor(expires.getTime() / 1000) * 1000);
    expect(enrolTokenExpiry('anpe1.123.x')).toBeNull();
    const base = enrolProof(token, 'archnest', 'SHA256:a', 'SHA256:b');
    expect(enrolProof(token, 'agent', 'SHA256:a', 'SHA256:b')).not.toBe(base);
    expect(enrolProof(token, 'archnest', 'SHA256:x', 'SHA256:b')).not.toBe(base);
    expect(enrolProof(token, 'archnest', 'SHA256:a', 'SHA256:x')).not.toBe(base);
    expect(enrolProof(createEnrolToken(expires), 'archnest', 'SHA256:a', 'SHA256:b')).not.toBe(base);
  });
});
