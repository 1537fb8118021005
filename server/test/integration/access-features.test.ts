import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeatureName } from '@archnest/contract';
import { createUser, login, MEMBER_PASSWORD, setupAdmin } from '../helpers/accounts';
import { createTestApp, type TestApp } from '../helpers/test-app';

/** Every pro-only route, by the feature that gates it: declared in the contract, refused by community. */
const GATED: { feature: FeatureName; access: 'user' | 'admin'; routes: string[] }[] = [
  {
    feature: 'proxmoxPowerActions',
    access: 'admin',
    routes: [
      'GET /api/integrations/:id/tasks',
      'GET /api/integrations/:id/tasks/:taskId',
      'HEAD /api/integrations/:id/tasks',
      'HEAD /api/integrations/:id/tasks/:taskId',
      'POST /api/integrations/:id/nodes/:node/guests/:guestType/:vmid/power',
    ],
  },
  {
    feature: 'infrastructureTabs',
    access: 'user',
    routes: [
      'GET /api/infrastructure/sources/:sourceId/members',
      'HEAD /api/infrastructure/sources/:sourceId/members',
    ],
  },
  {
    feature: 'pullAgents',
    access: 'admin',
    routes: ['POST /api/pull-agents/enrolments', 'POST /api/pull-agents/enrolments/:id/complete'],
  },
];

function concreteUrl(url: string): string {
  return url.replace(/:([A-Za-z]+)/g, 'does-not-exist');
}

describe('pro feature gates in the community edition', () => {
  let t: TestApp;
  let admin: string;
  let member: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await setupAdmin(t.app);
    await createUser(t.app, admin, 'member1');
    member = await login(t.app, 'member1', MEMBER_PASSWORD);
  });
  afterAll(async () => {
    await t.close();
  });

  for (const gate of GATED) {
    it(`declares ${gate.feature} on exactly its routes, and refuses them with feature_unavailable`, async () => {
      const gated = t.routes.filter((r) => r.feature === gate.feature);
      expect(gated.map((r) => `${r.method} ${r.url}`).sort()).toEqual([...gate.routes].sort());
      // Admin routes refuse members before the edition is asked; user routes refuse both for the edition.
      const cookies = gate.access === 'user' ? [admin, member] : [admin];
      for (const r of gated) {
        expect(r.access, r.url).toBe(gate.access);
        for (const cookie of cookies) {
          const response = await t.app.inject({
            method: r.method as 'GET',
            url: concreteUrl(r.url),
            headers: { cookie },
          });
          expect(response.statusCode, r.url).toBe(403);
          if (r.method !== 'HEAD')
            expect(response.json(), r.url).toMatchObject({ error: 'feature_unavailable' });
        }
      }
    });
  }
});
