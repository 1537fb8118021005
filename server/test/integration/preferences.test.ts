import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultAppearance } from '@archnest/contract';
import { createUser, login, MEMBER_PASSWORD, setupAdmin } from '../helpers/accounts';
import { createTestApp, dialects, type TestApp } from '../helpers/test-app';

describe.each(dialects)('appearance preferences on %s', (dialect) => {
  let t: TestApp;
  let admin: string;

  beforeEach(async () => {
    t = await createTestApp({ dialect });
    admin = await setupAdmin(t.app);
  });
  afterEach(async () => {
    await t.close();
  });

  const get = (cookie: string) => t.app.inject({ url: '/api/preferences', headers: { cookie } });
  const patch = (cookie: string, appearance: object) =>
    t.app.inject({ method: 'PATCH', url: '/api/preferences', headers: { cookie }, payload: { appearance } });

  it('starts from defaults, merges changes, and persists them per user across sessions', async () => {
    expect((await get(admin)).json()).toEqual({
      appearance: defaultAppearance,
      containers: { showStopped: false },
    });
    const changed = await patch(admin, { theme: 'dark', accent: '#10b981' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().appearance).toEqual({ ...defaultAppearance, theme: 'dark', accent: '#10b981' });
    await patch(admin, { fontSize: 16, sidebarExpanded: false });

    const another = await login(t.app, 'admin', 'correct-horse-42');
    expect((await get(another)).json().appearance).toEqual({
      ...defaultAppearance,
      theme: 'dark',
      accent: '#10b981',
      fontSize: 16,
      sidebarExpanded: false,
    });
    await createUser(t.app, admin, 'member1');
    const member = await login(t.app, 'member1', MEMBER_PASSWORD);
    expect((await get(member)).json()).toEqual({
      appearance: defaultAppearance,
      containers: { showStopped: false },
    });
  });

  it('keeps the Containers page choice of showing stopped containers, apart from the appearance', async () => {
    await createUser(t.app, admin, 'member1');
    const member = await login(t.app, 'member1', MEMBER_PASSWORD);
    const set = (payload: object) =>
      t.app.inject({ method: 'PATCH', url: '/api/preferences', headers: { cookie: member }, payload });
    const saved = await set({ containers: { showStopped: true } });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ appearance: defaultAppearance, containers: { showStopped: true } });
    const again = await login(t.app, 'member1', MEMBER_PASSWORD);
    expect((await get(again)).json().containers).toEqual({ showStopped: true });
    for (const bad of [{ showStopped: 'yes' }, { hidden: true }]) {
      const response = await set({ containers: bad });
      expect(response.statusCode, JSON.stringify(bad)).toBe(400);
    }
    await set({ appearance: { theme: 'dark' } });
    expect((await get(again)).json().containers).toEqual({ showStopped: true });
  });

  it('refuses invalid values and unknown keys without changing what is stored', async () => {
    await patch(admin, { theme: 'light' });
    for (const bad of [
      { theme: 'neon' },
      { accent: 'red' },
      { fontSize: 40 },
      { radius: -1 },
      { animations: 'no' },
      { wallpaper: 'x' },
    ]) {
      const response = await patch(admin, bad);
      expect(response.statusCode, JSON.stringify(bad)).toBe(400);
      expect(response.json()).toMatchObject({ error: 'invalid_request' });
    }
    expect((await get(admin)).json().appearance).toEqual({ ...defaultAppearance, theme: 'light' });
  });

  it('reads a stored row with stale or broken fields leniently', async () => {
    const me = (await t.app.inject({ url: '/api/auth/me', headers: { cookie: admin } })).json<{
      id: string;
    }>();
    await t.database.db
      .insertInto('preferences')
      .values({
        user_id: me.id,
        data: JSON.stringify({ appearance: { theme: 'dark', fontSize: 'huge', extra: 1 } }),
        updated_at: 'x',
      })
      .execute();
    expect((await get(admin)).json().appearance).toEqual({ ...defaultAppearance, theme: 'dark' });
  });
});
