import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TERMINAL_CLOSE,
  type Host,
  type LiveTerminalSession,
  type TerminalSessionRecord,
} from '@archnest/contract';
import { ensureTestUser, startSshd, type SshdServer } from '@archnest/test-support';
import { createUser, login, MEMBER_PASSWORD, setupAdmin } from '../helpers/accounts';
import { addPasswordHost, trustHostKey } from '../helpers/ssh-hosts';
import { TerminalClient } from '../helpers/terminal-client';
import { createTestApp, dialects, type TestApp } from '../helpers/test-app';

const USER = 'archnest-term';
const PASSWORD = 'Term-pass-9931';

describe.each(dialects)('live terminal sessions belong to the user (%s)', (dialect) => {
  let sshd: SshdServer;
  let t: TestApp;
  let base: string;
  let admin: string;
  let member: string;
  let host: Host;

  beforeAll(async () => {
    ensureTestUser(USER, PASSWORD);
    sshd = await startSshd();
    t = await createTestApp({ dialect });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    admin = await setupAdmin(t.app);
    await createUser(t.app, admin, 'mia');
    member = await login(t.app, 'mia', MEMBER_PASSWORD);
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

  const pane = (cookie = admin) =>
    new TerminalClient(`${base.replace('http', 'ws')}/api/terminal`, { cookie, origin: base });
  const live = async (cookie = admin) =>
    (await t.app.inject({ url: '/api/terminal/sessions', headers: { cookie } })).json<
      LiveTerminalSession[]
    >();
  const audit = async () =>
    (await t.app.inject({ url: '/api/admin/terminal-sessions', headers: { cookie: admin } })).json<
      TerminalSessionRecord[]
    >();

  async function openShell(tabId: string): Promise<{ client: TerminalClient; sessionId: string }> {
    const client = pane();
    await client.opened;
    client.send({ type: 'open', hostId: host.id, tabId, cols: 80, rows: 24 });
    await client.until(() => client.message('ready') !== undefined, 'ready');
    return { client, sessionId: client.message('ready')!.sessionId };
  }

  it('lists the own live sessions with kind, activity, attachment and bytes; the audit counts bytes while live', async () => {
    const { client, sessionId } = await openShell('list-tab');
    client.type('echo marker-$((20+22))\r');
    await client.until(() => client.text().includes('marker-42'), 'echo');

    const [row] = (await live()).filter((s) => s.sessionId === sessionId);
    expect(row).toMatchObject({
      endsAt: null,
      kind: 'ssh',
      hostId: host.id,
      hostName: 'box',
      tabId: 'list-tab',
      attached: true,
    });
    expect(row!.bytesIn).toBeGreaterThanOrEqual('echo marker-$((20+22))\r'.length);
    expect(row!.bytesOut).toBeGreaterThan(0);
    expect(Date.parse(row!.lastActivityAt)).toBeGreaterThanOrEqual(Date.parse(row!.startedAt));

    // The audit row of a session still running carries its counters now, not 0 until the end.
    const running = (await audit()).find((r) => r.id === sessionId)!;
    expect(running.endedAt).toBeNull();
    expect(running.bytesIn).toBe(row!.bytesIn);
    expect(running.bytesOut).toBeGreaterThanOrEqual(row!.bytesOut);
    expect(running.bytesOut).toBeGreaterThan(0);

    // Another user sees none of it and cannot attach it.
    expect(await live(member)).toEqual([]);
    const intruder = pane(member);
    await intruder.opened;
    intruder.send({ type: 'attach', sessionId, cols: 80, rows: 24 });
    await intruder.until(() => intruder.message('error') !== undefined, 'refusal');
    expect(intruder.message('error')).toMatchObject({ error: 'not_found' });
    expect(await intruder.closed).toBe(TERMINAL_CLOSE.protocolError);

    // Detached (the browser went away): still listed, now not attached.
    client.close();
    await client.closed;
    await expect
      .poll(async () => (await live()).find((s) => s.sessionId === sessionId)?.attached)
      .toBe(false);
    // It waits the grace period (15 minutes by default) and says until when.
    const waiting = (await live()).find((s) => s.sessionId === sessionId)!;
    const left = Date.parse(waiting.endsAt!) - Date.now();
    expect(left).toBeGreaterThan(14 * 60_000);
    expect(left).toBeLessThanOrEqual(15 * 60_000);

    const again = pane();
    await again.opened;
    again.send({ type: 'attach', sessionId, takeover: false, cols: 80, rows: 24 });
    await again.until(() => again.text().includes('marker-42'), 'scrollback on reattach');
    again.send({ type: 'close' });
    await again.until(() => again.message('exit') !== undefined, 'exit');
    expect(await live()).toEqual([]);
    const ended = (await audit()).find((r) => r.id === sessionId)!;
    expect(ended.endReason).toBe('closed');
    expect(ended.bytesOut).toBeGreaterThanOrEqual(running.bytesOut);
  });

  it('an attach without takeover is refused while another socket holds the session; a takeover moves it (4409)', async () => {
    const { client: first, sessionId } = await openShell('takeover-tab');
    const polite = pane();
    await polite.opened;
    polite.send({ type: 'attach', sessionId, takeover: false, cols: 80, rows: 24 });
    await polite.until(() => polite.message('error') !== undefined, 'refusal');
    expect(polite.message('error')).toMatchObject({ error: 'attached_elsewhere' });
    expect(await polite.closed).toBe(TERMINAL_CLOSE.protocolError);
    expect(first.closeCode).toBeNull();

    const taker = pane();
    await taker.opened;
    taker.send({ type: 'attach', sessionId, takeover: true, cols: 80, rows: 24 });
    await taker.until(() => taker.message('ready') !== undefined, 'ready after takeover');
    expect(await first.closed).toBe(TERMINAL_CLOSE.attachedElsewhere);
    taker.type('echo moved-$((3*3))\r');
    await taker.until(() => taker.text().includes('moved-9'), 'live after takeover');
    taker.send({ type: 'close' });
    await taker.closed;
  });

  it('takeovers racing for one session leave exactly one attachment', async () => {
    const { client: owner, sessionId } = await openShell('race-tab');
    const racers = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const c = pane();
        await c.opened;
        return c;
      }),
    );
    // All attaches leave in the same turn, so they reach the server together.
    for (const c of racers) c.send({ type: 'attach', sessionId, takeover: true, cols: 80, rows: 24 });
    await owner.closed;
    // Every racer got `ready`; all but one were then moved away with 4409.
    for (const c of racers) await c.until(() => c.message('ready') !== undefined, 'ready');
    const stillOpen = () => racers.filter((c) => c.closeCode === null);
    await owner.until(() => stillOpen().length <= 1, 'the losers to be moved away');
    await new Promise((r) => setTimeout(r, 300)); // and nobody else after them
    const open = stillOpen();
    expect(open).toHaveLength(1);
    for (const c of racers.filter((x) => x !== open[0]))
      expect(c.closeCode).toBe(TERMINAL_CLOSE.attachedElsewhere);
    expect(owner.closeCode).toBe(TERMINAL_CLOSE.attachedElsewhere);
    expect((await live()).filter((s) => s.sessionId === sessionId)).toEqual([
      expect.objectContaining({ attached: true }),
    ]);
    const survivor = open[0]!;
    survivor.type('echo survivor-$((5+5))\r');
    await survivor.until(() => survivor.text().includes('survivor-10'), 'the survivor relays');

    // Detached, then six attaches without takeover at once: the first binds, the rest are refused.
    survivor.close();
    await survivor.closed;
    await expect
      .poll(async () => (await live()).find((s) => s.sessionId === sessionId)?.attached)
      .toBe(false);
    const polite = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const c = pane();
        await c.opened;
        return c;
      }),
    );
    for (const c of polite) c.send({ type: 'attach', sessionId, takeover: false, cols: 80, rows: 24 });
    for (const c of polite)
      await c.until(() => c.message('ready') !== undefined || c.message('error') !== undefined, 'an answer');
    const bound = polite.filter((c) => c.message('ready') !== undefined);
    expect(bound).toHaveLength(1);
    for (const c of polite.filter((x) => x !== bound[0]))
      expect(c.message('error')).toMatchObject({ error: 'attached_elsewhere' });
    bound[0]!.type('echo bound-$((2+5))\r');
    await bound[0]!.until(() => bound[0]!.text().includes('bound-7'), 'the bound socket relays');
    bound[0]!.send({ type: 'close' });
    await bound[0]!.closed;
  });
});
