import { describe, expect, it } from 'vitest';
import { accessRefusal } from '../../src/http/access';
import { createFeatures } from '../../src/features';
import type { AuthContext } from '../../src/auth/auth-context';

function as(role: 'admin' | 'member'): AuthContext {
  return { user: { role } as AuthContext['user'], session: {} as AuthContext['session'] };
}

describe('accessRefusal', () => {
  const community = createFeatures('community');
  const pro = createFeatures('pro');

  it('lets anyone through public routes', () => {
    expect(accessRefusal({ access: 'public' }, null, community)).toBeNull();
  });
  it('needs a session for user routes and the admin role for admin routes', () => {
    expect(accessRefusal({ access: 'user' }, null, community)?.status).toBe(401);
    expect(accessRefusal({ access: 'user' }, as('member'), community)).toBeNull();
    expect(accessRefusal({ access: 'admin' }, null, community)?.status).toBe(401);
    expect(accessRefusal({ access: 'admin' }, as('member'), community)?.code).toBe('forbidden');
    expect(accessRefusal({ access: 'admin' }, as('admin'), community)).toBeNull();
  });
  it('refuses a feature the edition lacks, after the sign-in check', () => {
    const rule = { access: 'user', feature: 'unlimitedTerminalPanes' } as const;
    expect(accessRefusal(rule, null, community)?.status).toBe(401);
    expect(accessRefusal(rule, as('admin'), community)).toMatchObject({
      status: 403,
      code: 'feature_unavailable',
    });
    expect(accessRefusal(rule, as('member'), pro)).toBeNull();
  });
});
