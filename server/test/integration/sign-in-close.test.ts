import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TERMINAL_CLOSE, WS_CLOSE_SESSION_ENDED, type Host, type SessionInfo } from '@archnest/contract';
import { ensureTestUser, startSshd, type SshdServer } from '@archnest/test-support';
import { ADMIN, login, setupAdmin } from '../helpers/accounts';
import { listenOnLoopback } from '../helpers/raw-http';
import { addPasswordHost, trustHostKey } from '../helpers/ssh-hosts';
import { TerminalClient } from '../helpers/terminal-client';
import { createTestApp, type TestApp } from '../helpers/test-app';

const USER = 'archnest-signin';
const PASSWORD = 'Signin-pass-5521';

/** The events socket, recording its close code. */
function eventsSocket(base: string, cookie: string): { opened: Promise<void>; closed: Promise<number> } {
  const socket = new WebSocket(`${base.replace('http', 'ws')}/api/events`, {
    headers: { cookie, origin: base },
  });
  return {
    opened: new Promise((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    }),
    closed: new Promise((resolve) => socket.once('close', (code) => resolve(code))),
  };
}

describe('every live socket closes with 4401 when its sign-in ends', () => {
  let sshd: SshdServer;
  let t: TestApp;
  let base: string;
  let host: Host;

  beforeAll(async () => {
    ensureTestUser(USER, PASSWORD);
    sshd = await startSshd();
    t = await createTestApp();
    base = `http://127.0.0.1:${await listenOnLoopback(t.app)}`;
    const admin = await setupAdmin(t.app);
    host = await addPasswordHost(t.app, admin, {
      name: 'box',
      port: sshd.port,
      username: USER,
      password: PASSWORD,
    });
    await trustHostKey(t.app, admin, host);
  });
  afterAll(async () => {
    await t?.close();
    await sshd?.stop();
  });

  const pane = (cookie: string) =>
    new TerminalClient(`${base.replace('http', 'ws')}/api/terminal`, { cookie, origin: base });

  async function livePane(cookie: string): Promise<TerminalClient> {
    const p = pane(cookie);
    await p.opened;
    p.send({ type: 'open', hostId: host.id, tabId: `t-${Math.random()}`, cols: 80, rows: 24 });
    await p.until(() => p.message('ready') !== undefined, 'ready');
    return p;
  }

  it('on logout: a live terminal, a terminal socket not yet opened and the events socket all close with 4401', async () => {
    const cookie = await login(t.app, ADMIN.username, ADMIN.password);
    const live = await livePane(cookie);
    const idle = pane(cookie);
    await idle.opened;
    const events = eventsSocket(base, cookie);
    await events.opened;

    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(await live.closed).toBe(WS_CLOSE_SESSION_ENDED);
    expect(live.message('exit')).toMatchObject({ reason: 'logout' });
    expect(await idle.closed).toBe(WS_CLOSE_SESSION_ENDED);
    expect(await events.closed).toBe(WS_CLOSE_SESSION_ENDED);
    expect(TERMINAL_CLOSE.sessionEnded).toBe(WS_CLOSE_SESSION_ENDED);
  });

  it('on revocation from another session: the revoked sign-in’s sockets close with 4401, the other’s stay open', async () => {
    const keep = await login(t.app, ADMIN.username, ADMIN.password);
    const victim = await login(t.app, ADMIN.username, ADMIN.password, '127.0.0.9');
    const victimPane = await livePane(victim);
    const victimIdle = pane(victim);
    await victimIdle.opened;
    const victimEvents = eventsSocket(base, victim);
    await victimEvents.opened;
    const keptPane = await livePane(keep);

    const sessions = (await t.app.inject({ url: '/api/auth/sessions', headers: { cookie: keep } })).json<
      SessionInfo[]
    >();
    const target = sessions.find((s) => s.ip === '127.0.0.9')!;
    const ended = await t.app.inject({
      method: 'DELETE',
      url: `/api/auth/sessions/${target.id}`,
      headers: { cookie: keep },
    });
    expect(ended.statusCode).toBe(204);
    expect(await victimPane.closed).toBe(WS_CLOSE_SESSION_ENDED);
    expect(victimPane.message('exit')).toMatchObject({ reason: 'revoked' });
    expect(await victimIdle.closed).toBe(WS_CLOSE_SESSION_ENDED);
    expect(await victimEvents.closed).toBe(WS_CLOSE_SESSION_ENDED);

    // The other sign-in's terminal is untouched; closing the pane itself still ends with 4000.
    expect(keptPane.closeCode).toBeNull();
    keptPane.send({ type: 'close' });
    expect(await keptPane.closed).toBe(TERMINAL_CLOSE.ended);
  });
});
