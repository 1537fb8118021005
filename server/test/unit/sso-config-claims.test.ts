import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config';
import {
  groupAllowed,
  groupsOf,
  mappedRole,
  mergeClaims,
  wantedUsername,
} from '../../src/auth/sso/sso-claims';
import type { EffectiveSso } from '../../src/auth/sso/sso-settings.service';

const settings = (changes: Partial<EffectiveSso> = {}): EffectiveSso => ({
  enabled: true,
  issuer: 'https://id.example.test',
  clientId: 'archnest',
  clientSecret: 's',
  scopes: 'openid',
  buttonLabel: 'SSO',
  autoProvision: true,
  allowedGroups: [],
  adminGroup: null,
  groupsClaim: 'groups',
  caPem: null,
  ...changes,
});

describe('ARCHNEST_OIDC_* in the configuration', () => {
  it('reads only the variables that are set, with lists and booleans parsed', () => {
    expect(loadConfig({}).oidc).toEqual({});
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-oidc-'));
    const ca = path.join(dir, 'ca.pem');
    fs.writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const c = loadConfig({
      ARCHNEST_OIDC_ENABLED: 'yes',
      ARCHNEST_OIDC_ISSUER: 'https://id.example.test/realms/main',
      ARCHNEST_OIDC_ALLOWED_GROUPS: ' staff , ops ,',
      ARCHNEST_OIDC_AUTO_PROVISION: 'false',
      ARCHNEST_OIDC_CA_FILE: ca,
    });
    expect(c.oidc).toEqual({
      enabled: true,
      issuer: 'https://id.example.test/realms/main',
      allowedGroups: ['staff', 'ops'],
      autoProvision: false,
      caPem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----',
    });
  });
  it('stops the start with one line naming a bad variable, never echoing the client secret', () => {
    expect(() => loadConfig({ ARCHNEST_OIDC_ISSUER: 'http://id.example.test' })).toThrow(
      /ARCHNEST_OIDC_ISSUER The issuer must be an https:\/\/ URL/,
    );
    expect(() => loadConfig({ ARCHNEST_OIDC_SCOPES: 'profile email' })).toThrow(
      /ARCHNEST_OIDC_SCOPES .*openid/,
    );
    expect(() => loadConfig({ ARCHNEST_OIDC_CA_FILE: '/nonexistent/ca.pem' })).toThrow(
      /ARCHNEST_OIDC_CA_FILE/,
    );
    expect(() => loadConfig({ ARCHNEST_OIDC_CLIENT_SECRET: 'x'.repeat(2000) })).toThrow(
      /^Invalid configuration: ARCHNEST_OIDC_CLIENT_SECRET [^(]*$/,
    );
  });
});

describe('SSO claims', () => {
  it('lets the ID token win and userinfo fill the gaps', () => {
    expect(mergeClaims({ sub: 'a', email: 'id@x' }, { sub: 'a', email: 'ui@x', groups: ['g'] })).toEqual({
      sub: 'a',
      email: 'id@x',
      groups: ['g'],
    });
    expect(mergeClaims({ sub: 'a' }, null)).toEqual({ sub: 'a' });
  });
  it('reads groups from the configured claim, as an array or one string', () => {
    expect(groupsOf({ roles: ['a', 2, 'b'] }, 'roles')).toEqual(['a', 'b']);
    expect(groupsOf({ groups: 'ops' }, 'groups')).toEqual(['ops']);
    expect(groupsOf({}, 'groups')).toEqual([]);
  });
  it('maps roles only when an admin group is set, and gates on allowed groups', () => {
    expect(mappedRole(settings(), ['ops'])).toBeNull();
    expect(mappedRole(settings({ adminGroup: 'ops' }), ['staff', 'ops'])).toBe('admin');
    expect(mappedRole(settings({ adminGroup: 'ops' }), ['staff'])).toBe('member');
    expect(groupAllowed(settings(), [])).toBe(true);
    expect(groupAllowed(settings({ allowedGroups: ['staff'] }), ['ops'])).toBe(false);
    expect(groupAllowed(settings({ allowedGroups: ['staff'] }), ['ops', 'staff'])).toBe(true);
  });
  it('takes a username from preferred_username, else the e-mail, only when ArchNest accepts it', () => {
    expect(wantedUsername({ preferred_username: 'alice', email: 'bob@x' })).toBe('alice');
    expect(wantedUsername({ preferred_username: 'no spaces allowed', email: 'bob@x' })).toBe('bob');
    expect(wantedUsername({ email: '-x@y' })).toBeNull();
    expect(wantedUsername({})).toBeNull();
  });
});
