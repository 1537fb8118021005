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
  it('parses booleans strictly', () => {
    expect(loadConfig({ ARCHNEST_TRUST_PROXY: 'yes' }).trustProxy).toBe(true);
    expect(() => loadConfig({ ARCHNEST_TRUST_PROXY: 'maybe' })).toThrow(
      'ARCHNEST_TRUST_PROXY must be true or false',
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
