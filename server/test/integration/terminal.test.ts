import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TERMINAL_HIGH_WATERMARK,
  type Host,
  type KnownHostKey,
  type TerminalSessionRecord,
  type TestConnectionResult,
} from '@archnest/contract';
import { ensureTestUser, startSshd, type SshdServer } from '@archnest/test-support';
import { createUser, login, MEMBER_PASSWORD, setupAdmin } from '../helpers/accounts';
import { addPasswordHost } from '../helpers/ssh-hosts';
import { TerminalClient } from '../helpers/terminal-client';
import { createTestApp, type TestApp } from '../helpers/test-app';

const USER = 'archnest-term';
const PASSWORD = 'Term-pass-9931';

describe('terminal over real sshd', () => {
  let sshd: SshdServer;
  let kbdSshd: SshdServer;
  let innerSshd: SshdServer;
  let t: TestApp;
  let base: string;
  let admin: string;
  let host: Host;
  const logLines: string[] = [];

  beforeAll(async () => {
    ensureTestUser(USER, PASSWORD);
    sshd = await startSshd();
    kbdSshd = await startSshd({ keyboardInteractive: true });
    innerSshd = await startSshd();
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    t = await createTestApp({ logger: { level: 'trace', stream } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    admin = await setupAdmin(t.app);
    host = await addPasswordHost(t.app, admin, {
      name: 'box',
      port: sshd.port,
      username: USER,
      password: PASSWORD,
    });
  });
  afterAll(async () => {
    await t?.close();
    await sshd?.stop();
    await kbdSshd?.stop();
    await innerSshd?.stop();
  });

  const pane = (cookie = admin) =>
    new TerminalClient(`${base.replace('http', 'ws')}/api/terminal`, { cookie, origin: base });
  const test = async (id: string, cookie = admin) =>
    (
      await t.app.inject({ method: 'POST', url: `/api/hosts/${id}/test`, headers: { cookie } })
    ).json<TestConnectionResult>();

  it('test connection stops at an unknown host key, shows ssh-keygen’s fingerprint, and passes once trusted', async () => {
    const first = await test(host.id);
    expect(first).toMatchObject({ ok: false, failedStep: 'host_key' });
    expect(first.hostKeyChallenge).toMatchObject({
      reason: 'unknown',
      algorithm: 'ED25519',
      fingerprint: sshd.hostKeyFingerprint().fingerprint,
    });
    const trusted = await t.app.inject({
      method: 'POST',
      url: '/api/known-host-keys/trust',
      headers: { cookie: admin },
      payload: { challengeId: first.hostKeyChallenge!.challengeId },
    });
    expect(trusted.statusCode).toBe(201);
    const second = await test(host.id);
    expect(second).toMatchObject({ ok: true, failedStep: null });
    expect(second.hops[0]!.fingerprint).toBe(sshd.hostKeyFingerprint().fingerprint);
  });

  it('opens a shell, relays bytes, and reattaches with scrollback after the socket drops', async () => {
    const a = pane();
    await a.opened;
    a.send({ type: 'open', hostId: host.id, tabId: 'tab-1', cols: 100, rows: 30 });
    await a.until(() => a.message('ready') !== undefined, 'ready');
    const ready = a.message('ready')!;
    expect(ready.fingerprint).toBe(sshd.hostKeyFingerprint().fingerprint);
    a.type('echo hi-$((6*7)) $COLUMNS\r');
    await a.until(() => a.text().includes('hi-42 100'), 'echo output');
    a.close();
    await a.closed;

    const b = pane();
    await b.opened;
    b.send({ type: 'attach', sessionId: ready.sessionId, cols: 90, rows: 30 });
    await b.until(() => b.message('ready') !== undefined, 'reattach');
    expect(b.message('ready')!.replayBytes).toBeGreaterThan(0);
    await b.until(() => b.text().includes('hi-42'), 'replayed scrollback');
    b.type('echo again-$((1+1))\r');
    await b.until(() => b.text().includes('again-2'), 'live output after reattach');
    const live = (await t.app.inject({ url: '/api/terminal/sessions', headers: { cookie: admin } })).json();
    expect(live).toEqual([
      expect.objectContaining({ sessionId: ready.sessionId, attached: true, tabId: 'tab-1' }),
    ]);
    b.send({ type: 'close' });
    await b.until(() => b.message('exit') !== undefined, 'exit');
    expect(b.message('exit')).toMatchObject({ reason: 'closed' });
    const audit = (
      await t.app.inject({ url: '/api/admin/terminal-sessions', headers: { cookie: admin } })
    ).json<TerminalSessionRecord[]>();
    expect(audit[0]).toMatchObject({
      id: ready.sessionId,
      username: 'admin',
      hostName: 'box',
      fingerprint: ready.fingerprint,
      endReason: 'closed',
    });
    expect(audit[0]!.bytesIn).toBeGreaterThan(20);
    expect(audit[0]!.bytesOut).toBeGreaterThan(20);
    expect(audit[0]!.endedAt).not.toBeNull();
  });

  it('keeps memory bounded under `yes` without acks, resumes on acks, and Ctrl-C stops it promptly', async () => {
    const p = new TerminalClient(
      `${base.replace('http', 'ws')}/api/terminal`,
      { cookie: admin, origin: base },
      false,
    );
    await p.opened;
    p.send({ type: 'open', hostId: host.id, tabId: 'flood', cols: 80, rows: 24 });
    await p.until(() => p.message('ready') !== undefined, 'ready');
    p.type('yes\r');
    await p.until(() => p.received >= TERMINAL_HIGH_WATERMARK, 'the flood to reach the watermark');
    await new Promise((r) => setTimeout(r, 500));
    const stalled = p.received;
    await new Promise((r) => setTimeout(r, 500));
    // Without acks nothing more than one read past the watermark arrives.
    expect(p.received).toBe(stalled);
    expect(stalled).toBeLessThan(TERMINAL_HIGH_WATERMARK + 256 * 1024);
    const rss = process.memoryUsage().rss;

    p.send({ type: 'ack', bytes: p.received });
    await p.until(() => p.received > stalled + TERMINAL_HIGH_WATERMARK / 2, 'output to resume after the ack');
    p.type('\x03');
    const started = Date.now();
    let acked = 0;
    await p.until(() => {
      if (p.received > acked) {
        p.send({ type: 'ack', bytes: p.received - acked });
        acked = p.received;
      }
      return /\^C[\s\S]*\$ $/.test(p.text().slice(-200));
    }, 'the prompt after Ctrl-C');
    expect(Date.now() - started).toBeLessThan(3000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * 1024 * 1024);
    p.send({ type: 'close' });
    await p.closed;
  });

  it('asks about an unknown key inside the terminal and relays keyboard-interactive prompts', async () => {
    const kbd = (
      await t.app.inject({
        method: 'POST',
        url: '/api/hosts',
        headers: { cookie: admin },
        payload: {
          name: 'kbd',
          address: '127.0.0.1',
          port: kbdSshd.port,
          username: USER,
          authMethod: 'keyboard-interactive',
        },
      })
    ).json<Host>();
    const p = pane();
    await p.opened;
    p.send({ type: 'open', hostId: kbd.id, tabId: 'tab-2', cols: 80, rows: 24 });
    await p.until(() => p.message('host_key_prompt') !== undefined, 'host key prompt');
    const challenge = p.message('host_key_prompt')!.challenge;
    expect(challenge).toMatchObject({
      reason: 'unknown',
      hostName: 'kbd',
      fingerprint: kbdSshd.hostKeyFingerprint().fingerprint,
    });
    p.send({ type: 'host_key_answer', challengeId: challenge.challengeId, accept: true });
    await p.until(() => p.message('prompt') !== undefined, 'password prompt');
    expect(p.message('prompt')!.prompts[0]).toMatchObject({ echo: false });
    p.send({ type: 'prompt_answer', answers: [PASSWORD] });
    await p.until(() => p.message('ready') !== undefined, 'ready after prompts');
    p.type('whoami\r');
    await p.until(() => new RegExp(`[\r\n]${USER}\r\n`).test(p.text()), 'whoami');
    p.send({ type: 'close' });
    await p.closed;
    const keys = (await t.app.inject({ url: '/api/known-host-keys', headers: { cookie: admin } })).json<
      KnownHostKey[]
    >();
    expect(keys.map((k) => k.port)).toContain(kbdSshd.port);
  });

  it('caps panes per tab in the community edition', async () => {
    const panes: TerminalClient[] = [];
    for (let i = 0; i < 4; i++) {
      const p = pane();
      await p.opened;
      p.send({ type: 'open', hostId: host.id, tabId: 'full', cols: 80, rows: 24 });
      await p.until(() => p.message('ready') !== undefined, `pane ${i}`);
      panes.push(p);
    }
    const fifth = pane();
    await fifth.opened;
    fifth.send({ type: 'open', hostId: host.id, tabId: 'full', cols: 80, rows: 24 });
    await fifth.until(() => fifth.message('error') !== undefined, 'refusal');
    expect(fifth.message('error')).toMatchObject({ error: 'session_limit' });
    const otherTab = pane();
    await otherTab.opened;
    otherTab.send({ type: 'open', hostId: host.id, tabId: 'another', cols: 80, rows: 24 });
    await otherTab.until(() => otherTab.message('ready') !== undefined, 'pane in another tab');
    for (const p of [...panes, otherTab]) p.send({ type: 'close' });
    await Promise.all([...panes, otherTab].map((p) => p.closed));
  });

  it('lets the pro edition open more than four panes in one tab', async () => {
    const pro = await createTestApp({ env: { ARCHNEST_EDITION: 'pro' } });
    try {
      await pro.app.listen({ port: 0, host: '127.0.0.1' });
      const proBase = `http://127.0.0.1:${(pro.app.server.address() as { port: number }).port}`;
      const cookie = await setupAdmin(pro.app);
      const proHost = (
        await pro.app.inject({
          method: 'POST',
          url: '/api/hosts',
          headers: { cookie },
          payload: {
            name: 'box',
            address: '127.0.0.1',
            port: sshd.port,
            username: USER,
            authMethod: 'password',
            password: PASSWORD,
          },
        })
      ).json<Host>();
      const panes: TerminalClient[] = [];
      for (let i = 0; i < 5; i++) {
        const p = new TerminalClient(`${proBase.replace('http', 'ws')}/api/terminal`, {
          cookie,
          origin: proBase,
        });
        await p.opened;
        p.send({ type: 'open', hostId: proHost.id, tabId: 'wide', cols: 80, rows: 24 });
        if (i === 0) {
          await p.until(() => p.message('host_key_prompt') !== undefined, 'host key prompt');
          p.send({
            type: 'host_key_answer',
            challengeId: p.message('host_key_prompt')!.challenge.challengeId,
            accept: true,
          });
        }
        await p.until(() => p.message('ready') !== undefined, `pro pane ${i}`);
        panes.push(p);
      }
      expect(
        pro.services.terminals.registry.countInTab((await pro.services.users.list())[0]!.id, 'wide'),
      ).toBe(5);
      for (const p of panes) p.send({ type: 'close' });
      await Promise.all(panes.map((p) => p.closed));
    } finally {
      await pro.close();
    }
  });

  it('ends every terminal of the user on logout', async () => {
    const cookie = await login(t.app, 'admin', 'correct-horse-42');
    const p = pane(cookie);
    await p.opened;
    p.send({ type: 'open', hostId: host.id, tabId: 't', cols: 80, rows: 24 });
    await p.until(() => p.message('ready') !== undefined, 'ready');
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    await p.until(() => p.message('exit') !== undefined, 'exit on logout');
    expect(p.message('exit')).toMatchObject({ reason: 'logout' });
    admin = await login(t.app, 'admin', 'correct-horse-42');
  });

  it('reaches a host through a jump host record, verifying each hop', async () => {
    const inner = (
      await t.app.inject({
        method: 'POST',
        url: '/api/hosts',
        headers: { cookie: admin },
        payload: {
          name: 'inner',
          address: '127.0.0.1',
          port: innerSshd.port,
          username: USER,
          authMethod: 'password',
          password: PASSWORD,
          jumpHostIds: [host.id],
        },
      })
    ).json<Host>();
    const first = await test(inner.id);
    expect(first).toMatchObject({ ok: false, failedStep: 'host_key' });
    expect(first.hops.map((h) => h.ok)).toEqual([true, false]);
    expect(first.hostKeyChallenge).toMatchObject({
      hop: 1,
      hostName: 'inner',
      fingerprint: innerSshd.hostKeyFingerprint().fingerprint,
    });
    await t.app.inject({
      method: 'POST',
      url: '/api/known-host-keys/trust',
      headers: { cookie: admin },
      payload: { challengeId: first.hostKeyChallenge!.challengeId },
    });
    const second = await test(inner.id);
    expect(second.ok).toBe(true);
    expect(second.hops.map((h) => h.fingerprint)).toEqual([
      sshd.hostKeyFingerprint().fingerprint,
      innerSshd.hostKeyFingerprint().fingerprint,
    ]);
    const p = pane();
    await p.opened;
    p.send({ type: 'open', hostId: inner.id, tabId: 'jump', cols: 80, rows: 24 });
    await p.until(() => p.message('ready') !== undefined, 'ready through the jump host');
    expect(p.message('ready')!.fingerprint).toBe(innerSshd.hostKeyFingerprint().fingerprint);
    p.type('echo via-$((40+2))\r');
    await p.until(() => p.text().includes('via-42'), 'output through the jump host');
    p.send({ type: 'close' });
    await p.closed;
  });

  it('hard-fails a changed host key with both fingerprints; only an admin may replace it, audited', async () => {
    const before = sshd.hostKeyFingerprint().fingerprint;
    await sshd.rotateHostKeys();
    const after = sshd.hostKeyFingerprint().fingerprint;
    const p = pane();
    await p.opened;
    p.send({ type: 'open', hostId: host.id, tabId: 't', cols: 80, rows: 24 });
    await p.until(() => p.message('error') !== undefined, 'refusal');
    expect(p.message('error')).toMatchObject({
      error: 'host_key_changed',
      expectedFingerprint: before,
      seenFingerprint: after,
      step: 'host_key',
    });
    expect(p.messages.some((m) => m.type === 'host_key_prompt')).toBe(false);

    const result = await test(host.id);
    expect(result.hostKeyChallenge).toMatchObject({
      reason: 'changed',
      expectedFingerprint: before,
      fingerprint: after,
    });
    await createUser(t.app, admin, 'operator');
    const member = await login(t.app, 'operator', MEMBER_PASSWORD);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/known-host-keys/trust',
      headers: { cookie: member },
      payload: { challengeId: result.hostKeyChallenge!.challengeId },
    });
    expect(refused.statusCode).toBe(403);
    const replaced = await t.app.inject({
      method: 'POST',
      url: '/api/known-host-keys/trust',
      headers: { cookie: admin },
      payload: { challengeId: result.hostKeyChallenge!.challengeId },
    });
    expect(replaced.json()).toMatchObject({ fingerprint: after });
    expect((await test(host.id)).ok).toBe(true);
    const audit = (
      await t.app.inject({ url: '/api/admin/audit?action=host_key.replaced', headers: { cookie: admin } })
    ).json();
    expect(audit.entries[0]).toMatchObject({
      actorName: 'admin',
      detail: { fingerprint: after, previous: before },
    });
  });

  it('never writes a password into a log line or an API answer', () => {
    const logs = logLines.join('');
    expect(logs.length).toBeGreaterThan(1000);
    expect(logs).not.toContain(PASSWORD);
    expect(logs).not.toContain('correct-horse-42');
  });
});
