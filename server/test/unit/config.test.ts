import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      dataDir: path.resolve('./data'),
      databaseUrl: undefined,
      edition: 'community',
      trustProxy: false,
      sessionIdleMs: 7 * 24 * 3_600_000,
      sessionMaxMs: 30 * 24 * 3_600_000,
    });
  });
  it('treats empty values as unset and normalises the public URL to an origin', () => {
    const c = loadConfig({
      PORT: '',
      ARCHNEST_PUBLIC_URL: 'https://nest.example.com/some/path',
      ARCHNEST_EDITION: 'pro',
    });
    expect(c.port).toBe(8080);
    expect(c.publicUrl).toBe('https://nest.example.com');
    expect(c.edition).toBe('pro');
  });
  it('accepts a 32-byte base64 secret key and refuses other lengths without echoing it', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ ARCHNEST_SECRET_KEY: key }).secretKey).toBe(key);
    const bad = Buffer.alloc(31, 7).toString('base64');
    expect(() => loadConfig({ ARCHNEST_SECRET_KEY: bad })).toThrow(ConfigError);
    try {
      loadConfig({ ARCHNEST_SECRET_KEY: bad });
    } catch (e) {
      expect(String(e)).not.toContain(bad);
    }
  });
  it('refuses an idle limit longer than the absolute limit', () => {
    expect(() => loadConfig({ ARCHNEST_SESSION_IDLE_HOURS: '48', ARCHNEST_SESSION_MAX_HOURS: '24' })).toThrow(
      'ARCHNEST_SESSION_IDLE_HOURS must not exceed ARCHNEST_SESSION_MAX_HOURS',
    );
  });
  it('takes a proxy hop count or proxy addresses/CIDRs, and refuses true with what to write instead', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ ARCHNEST_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ ARCHNEST_TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ ARCHNEST_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(
      loadConfig({ ARCHNEST_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,fd00::/8,::1,loopback' }).trustProxy,
    ).toEqual(['127.0.0.1', '10.0.0.0/8', 'fd00::/8', '::1', 'loopback']);
    for (const bad of [
      'true',
      'yes',
      '10.0.0.0/33',
      'fd00::/129',
      '10.0.0',
      'proxy.example.com',
      '1.2.3.4/8/1',
    ]) {
      expect(() => loadConfig({ ARCHNEST_TRUST_PROXY: bad })).toThrow(
        `Invalid configuration: ARCHNEST_TRUST_PROXY must be the number of reverse proxies in front of ArchNest (e.g. 1) or their addresses/CIDRs (e.g. 127.0.0.1,10.0.0.0/8,fd00::/8); false trusts none (got "${bad}")`,
      );
    }
  });
  it('validates login-audit retention and the per-user connection-test limit, with documented defaults', () => {
    expect(loadConfig({})).toMatchObject({
      loginAuditMaxAgeMs: 90 * 24 * 3_600_000,
      loginAuditMaxRows: 100_000,
      sshTestsPerUser: 4,
    });
    expect(loadConfig({ ARCHNEST_LOGIN_AUDIT_DAYS: '7' }).loginAuditMaxAgeMs).toBe(7 * 24 * 3_600_000);
    expect(() => loadConfig({ ARCHNEST_LOGIN_AUDIT_DAYS: '0' })).toThrow(
      'ARCHNEST_LOGIN_AUDIT_DAYS must be between 1 and 3650 days',
    );
    expect(() => loadConfig({ ARCHNEST_LOGIN_AUDIT_MAX_ROWS: 'lots' })).toThrow(
      'ARCHNEST_LOGIN_AUDIT_MAX_ROWS must be a number of rows',
    );
    expect(() => loadConfig({ ARCHNEST_SSH_TESTS_PER_USER: '0' })).toThrow(
      'ARCHNEST_SSH_TESTS_PER_USER must be between 1 and 100 connection tests',
    );
  });
  it('names the range when a keepalive interval is out of bounds, and the type when it is not a number', () => {
    expect(loadConfig({ ARCHNEST_SSH_KEEPALIVE_SECONDS: '1' }).sshKeepaliveMs).toBe(1000);
    expect(() => loadConfig({ ARCHNEST_SSH_KEEPALIVE_SECONDS: '0' })).toThrow(
      'ARCHNEST_SSH_KEEPALIVE_SECONDS must be between 1 and 3600 seconds',
    );
    expect(() => loadConfig({ ARCHNEST_SSH_KEEPALIVE_SECONDS: 'often' })).toThrow(
      'ARCHNEST_SSH_KEEPALIVE_SECONDS must be a number of seconds',
    );
  });
});
