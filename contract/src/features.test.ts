import { describe, expect, it } from 'vitest';
import { enabledFeatures, featureNames, isFeatureEnabled } from './features';
import { endpoints } from './endpoints';
import { fillPath } from './endpoint';

describe('edition features', () => {
  it('gives the pro edition every feature and the community edition none of the pro-only ones', () => {
    for (const name of featureNames) expect(isFeatureEnabled('pro', name)).toBe(true);
    expect(enabledFeatures('community')).toEqual({
      unlimitedTerminalPanes: false,
      sso: false,
      proxmoxPowerActions: false,
      proxmoxConsoles: false,
      infrastructureTabs: false,
      pullAgents: false,
    });
  });
});

describe('endpoint table', () => {
  it('has unique method + path pairs and paths under /api or /healthz', () => {
    const keys = Object.values(endpoints).map((e) => `${e.method} ${e.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const e of Object.values(endpoints)) expect(e.path).toMatch(/^\/(api\/|healthz$)/);
  });
  it('fills and encodes path parameters', () => {
    expect(fillPath('/api/users/:id/password', { id: 'a/b' })).toBe('/api/users/a%2Fb/password');
    expect(() => fillPath('/api/users/:id', {})).toThrow('missing path parameter id');
  });
});
