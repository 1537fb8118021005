import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host, InfraOverview, InfraTileDetail } from '@archnest/contract';
import { setupAdmin } from '../helpers/accounts';
import { createTestApp, dialects, type TestApp } from '../helpers/test-app';

/**
 * The SSH hosts tile follows the host list at once: no waiting for the 60 s poll or the periodic
 * re-sync. Nothing here calls `sync()` or advances a clock; the answer to the change is enough.
 */
describe.each(dialects)('infrastructure: SSH hosts follow changes at once (%s)', (dialect) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp({ dialect });
    admin = await setupAdmin(t.app);
  });
  afterAll(async () => {
    await t?.close();
  });

  const overview = async () => {
    const r = await t.app.inject({ url: '/api/infrastructure', headers: { cookie: admin } });
    expect(r.statusCode).toBe(200);
    return r.json<InfraOverview>();
  };
  const sshTile = async () => (await overview()).tiles.find((tile) => tile.title === 'SSH hosts');
  const members = async (tileId: string) => {
    const r = await t.app.inject({
      url: `/api/infrastructure/tiles/${encodeURIComponent(tileId)}`,
      headers: { cookie: admin },
    });
    expect(r.statusCode).toBe(200);
    return r.json<InfraTileDetail>().members.map((m) => m.name);
  };
  const create = async (name: string, address: string) => {
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/hosts',
      headers: { cookie: admin },
      payload: { name, address, username: 'ops', authMethod: 'password', password: 'pw' },
    });
    expect(r.statusCode).toBe(201);
    return r.json<Host>();
  };

  it('shows a new host right after it is created, an edit right after the edit, and drops a removed one', async () => {
    expect(await sshTile()).toBeUndefined();

    const first = await create('bastion', '10.0.0.5');
    const tile = await sshTile();
    expect(tile).toMatchObject({ summary: '1 host' });
    expect(await members(tile!.id)).toEqual(['bastion']);

    await create('web-1', '10.0.0.6');
    expect((await sshTile())?.summary).toBe('2 hosts');
    expect((await members(tile!.id)).sort()).toEqual(['bastion', 'web-1']);

    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/hosts/${first.id}`,
      headers: { cookie: admin },
      payload: { name: 'jump-box' },
    });
    expect(renamed.statusCode).toBe(200);
    expect((await members(tile!.id)).sort()).toEqual(['jump-box', 'web-1']);

    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/hosts/${first.id}`,
      headers: { cookie: admin },
    });
    expect(removed.statusCode).toBe(204);
    expect(await members(tile!.id)).toEqual(['web-1']);
    expect((await sshTile())?.summary).toBe('1 host');
  });
});
