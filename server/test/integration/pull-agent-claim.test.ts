import { afterEach, describe, expect, it } from 'vitest';
import { PullAgentEnrolmentsRepo } from '../../src/modules/pull-agents/pull-agent-enrolments.repo';
import { createTestApp, dialects, type TestApp } from '../helpers/test-app';

describe.each(dialects)('pull agent enrolment claims on %s', (dialect) => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it('lets exactly one of many parallel claims through, and none once used or expired', async () => {
    t = await createTestApp({ dialect, env: { ARCHNEST_EDITION: 'pro' } });
    const actor = { id: null, name: 'system', ip: '127.0.0.1' };
    const body = { name: 'vm', address: '127.0.0.1:7443', monitorOnly: false, allowExec: false };
    const opened = await t.services.pullAgentEnrolments.create(actor, body, 'http://127.0.0.1');
    const repo = new PullAgentEnrolmentsRepo(t.database.db);
    const now = new Date().toISOString();
    const until = new Date(Date.now() + 60_000).toISOString();
    const claims = await Promise.all(Array.from({ length: 8 }, () => repo.claim(opened.id, now, until)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    await repo.release(opened.id);
    expect(await repo.claim(opened.id, now, until)).toBe(true);
    const row = await repo.findById(opened.id);
    expect(row?.token_sealed).not.toContain(opened.token);
    const late = new Date(Date.now() + 16 * 60_000).toISOString();
    await repo.release(opened.id);
    expect(await repo.claim(opened.id, late, late)).toBe(false);
  });
});
