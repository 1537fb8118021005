import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TERMINAL_CLOSE,
  type Host,
  type PersonalHostLogin,
  type TestConnectionResult,
} from '@archnest/contract';
import { ensureTestUser, generateKeyPair, startSshd, type SshdServer } from '@archnest/test-support';
import { createUser, login, MEMBER_PASSWORD, setupAdmin } from '../helpers/accounts';
import { TerminalClient } from '../helpers/terminal-client';
import { createTestApp, type TestApp } from '../helpers/test-app';

const SSH_USER = 'archnest-own';
const SSH_PASSWORD = 'Own-login-5518';

/** "Each user signs in as themselves" against a real OpenSSH server. */
describe('per-user logins over real sshd', () => {
  let sshd: SshdServer;
  let t: TestApp;
  let base: string;
  let admin: string;
  let alice: string;
  let carol: string;
  let host: Host;
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archnest-own-key-'));

  beforeAll(async () => {
    ensureTestUser(SSH_USER, SSH_PASSWORD);
    sshd = await startSshd();
    t = await createTestApp();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    admin = await setupAdmin(t.app);
    await createUser(t.app, admin, 'alice');
    await createUser(t.app, admin, 'carol');
    alice = await login(t.app, 'alice', MEMBER_PASSWORD);
    carol = await login(t.app, 'carol', MEMBER_PASSWORD);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/hosts',
      headers: { cookie: admin },
      payload: {
        name: 'own-box',
        address: '127.0.0.1',
        port: sshd.port,
        username: 'nobody-by-default',
        authMethod: 'per-user',
      },
    });
    expect(created.statusCode).toBe(201);
    host = created.json<Host>();
  });
  afterAll(async () => {
    await t?.close();
    await sshd?.stop();
    fs.rmSync(keyDir, { recursive: true, force: true });
  });

  const call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, cookie: string, payload?: object) =>
    t.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  const save = (cookie: string, login: PersonalHostLogin) =>
    call('PUT', `/api/hosts/${host.id}/my-credential`, cookie, login);
  const pane = async (cookie: string) => {
    const p = new TerminalClient(`${base.replace('http', 'ws')}/api/terminal`, { cookie, origin: base });
    await p.opened;
    p.send({ type: 'open', hostId: host.id, tabId: 'tab', cols: 100, rows: 30 });
    return p;
  };

  it('test connection asks for the caller’s own login, then signs in with the saved one', async () => {
    const none = await call('POST', `/api/hosts/${host.id}/test`, alice);
    expect(none.statusCode).toBe(409);
    expect(none.json()).toMatchObject({ error: 'credentials_required' });

    expect(
      (await save(alice, { kind: 'password', username: SSH_USER, password: SSH_PASSWORD })).statusCode,
    ).toBe(200);
    const first = (await call('POST', `/api/hosts/${host.id}/test`, alice)).json<TestConnectionResult>();
    expect(first).toMatchObject({ ok: false, failedStep: 'host_key' });
    const trusted = await call('POST', '/api/known-host-keys/trust', alice, {
      challengeId: first.hostKeyChallenge!.challengeId,
    });
    expect(trusted.statusCode).toBe(201);
    const ok = (await call('POST', `/api/hosts/${host.id}/test`, alice)).json<TestConnectionResult>();
    expect(ok).toMatchObject({ ok: true, failedStep: null });

    // Another user's saved login is not used for Carol.
    const carolTest = await call('POST', `/api/hosts/${host.id}/test`, carol);
    expect(carolTest.json()).toMatchObject({ error: 'credentials_required' });
  });

  it('opens the shell as the user’s own account with the saved password', async () => {
    const p = await pane(alice);
    await p.until(() => p.message('ready') !== undefined, 'ready');
    expect(p.message('credentials_prompt')).toBeUndefined();
    p.type('echo "me=$(whoami)"\r');
    await p.until(() => p.text().includes(`me=${SSH_USER}`), 'whoami output');
    p.send({ type: 'close' });
    await p.closed;
  });

  it('prompts in the socket when nothing is saved, and a typed login is used once and not stored', async () => {
    const p = await pane(carol);
    await p.until(() => p.message('credentials_prompt') !== undefined, 'credentials prompt');
    expect(p.message('credentials_prompt')).toEqual({
      type: 'credentials_prompt',
      hostId: host.id,
      hostName: 'own-box',
      username: 'nobody-by-default',
    });
    p.send({ type: 'credentials', login: { kind: 'password', username: SSH_USER, password: SSH_PASSWORD } });
    await p.until(() => p.message('ready') !== undefined, 'ready');
    p.type('echo "who=$(whoami)"\r');
    await p.until(() => p.text().includes(`who=${SSH_USER}`), 'whoami output');
    p.send({ type: 'close' });
    await p.closed;
    expect((await call('GET', `/api/hosts/${host.id}/my-credential`, carol)).json()).toMatchObject({
      set: false,
    });
  });

  it('fails the open with credentials_required when the login is declined, and connect_auth when wrong', async () => {
    const declined = await pane(carol);
    await declined.until(() => declined.message('credentials_prompt') !== undefined, 'prompt');
    declined.send({ type: 'credentials', login: null });
    expect(await declined.closed).toBe(TERMINAL_CLOSE.protocolError);
    expect(declined.message('error')).toMatchObject({ error: 'credentials_required' });

    // Sent right after `open`, the login replaces the prompt.
    const wrong = new TerminalClient(`${base.replace('http', 'ws')}/api/terminal`, {
      cookie: carol,
      origin: base,
    });
    await wrong.opened;
    wrong.send({ type: 'open', hostId: host.id, tabId: 'tab', cols: 80, rows: 24 });
    wrong.send({ type: 'credentials', login: { kind: 'password', username: SSH_USER, password: 'not-it' } });
    expect(await wrong.closed).toBe(TERMINAL_CLOSE.protocolError);
    expect(wrong.message('credentials_prompt')).toBeUndefined();
    expect(wrong.message('error')).toMatchObject({ error: 'connect_auth' });
  });

  it('signs in with a saved private key and its passphrase', async () => {
    const key = generateKeyPair(keyDir, 'own', { passphrase: 'key-pass-1' });
    sshd.authorizeKey(SSH_USER, key.publicKey);
    const missingPassphrase = await save(carol, {
      kind: 'key',
      username: SSH_USER,
      privateKey: key.privateKey,
    });
    expect(missingPassphrase.json()).toMatchObject({ error: 'invalid_secret' });
    const saved = await save(carol, {
      kind: 'key',
      username: SSH_USER,
      privateKey: key.privateKey,
      passphrase: 'key-pass-1',
    });
    expect(saved.json()).toMatchObject({ set: true, kind: 'key', hasPassphrase: true });
    const p = await pane(carol);
    await p.until(() => p.message('ready') !== undefined, 'ready');
    p.type('echo "k=$(whoami)"\r');
    await p.until(() => p.text().includes(`k=${SSH_USER}`), 'whoami output');

    // Restricting the host to Alice ends Carol's live terminal.
    const restricted = await call('PATCH', `/api/hosts/${host.id}`, admin, {
      access: 'chosen',
      allowedUserIds: [],
    });
    expect(restricted.statusCode).toBe(200);
    await p.until(() => p.message('exit') !== undefined, 'exit after revoke');
    expect(p.message('exit')).toMatchObject({ reason: 'access_revoked' });
    const again = await pane(carol);
    expect(await again.closed).toBe(TERMINAL_CLOSE.protocolError);
    expect(again.message('error')).toMatchObject({ error: 'host_not_found' });
  });
});
