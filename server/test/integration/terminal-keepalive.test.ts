import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '@archnest/contract';
import { ensureTestUser, startSshd, type SshdServer } from '@archnest/test-support';
import { setupAdmin } from '../helpers/accounts';
import { addPasswordHost, trustHostKey } from '../helpers/ssh-hosts';
import { TerminalClient } from '../helpers/terminal-client';
import { createTestApp, type TestApp } from '../helpers/test-app';

const USER = 'archnest-term';
const PASSWORD = 'Term-pass-9931';

describe('terminal keepalives', () => {
  let sshd: SshdServer;
  let t: TestApp;
  let base: string;
  let admin: string;
  let host: Host;
  let thaw: (() => void) | undefined;

  beforeAll(async () => {
    ensureTestUser(USER, PASSWORD);
    sshd = await startSshd();
    t = await createTestApp({ env: { ARCHNEST_SSH_KEEPALIVE_SECONDS: '1' } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as { port: number }).port}`;
    admin = await setupAdmin(t.app);
    host = await addPasswordHost(t.app, admin, {
      name: 'hangs',
      port: sshd.port,
      username: USER,
      password: PASSWORD,
    });
    await trustHostKey(t.app, admin, host);
  });
  afterAll(async () => {
    thaw?.();
    await t?.close();
    await sshd?.stop();
  });

  it('ends a session whose host stops answering, as host_unreachable, within a few keepalive intervals', async () => {
    const pane = new TerminalClient(`${base.replace('http', 'ws')}/api/terminal`, {
      cookie: admin,
      origin: base,
    });
    await pane.opened;
    pane.send({ type: 'open', hostId: host.id, tabId: 'tab-ka', cols: 80, rows: 24 });
    await pane.until(() => pane.message('ready') !== undefined, 'ready');
    pane.type('echo alive-$((2*21))\r');
    await pane.until(() => pane.text().includes('alive-42'), 'echo before the host hangs');

    thaw = sshd.freezeConnections();
    const frozenAt = Date.now();
    await pane.until(() => pane.message('exit') !== undefined, 'exit after missed keepalives', 15_000);
    const waited = Date.now() - frozenAt;
    expect(pane.message('exit')).toMatchObject({ reason: 'host_unreachable' });
    // 1 s interval × 3 unanswered keepalives, plus scheduling slack; never the TCP timeout (minutes).
    expect(waited).toBeGreaterThanOrEqual(2_000);
    expect(waited).toBeLessThan(10_000);
    const audit = (
      await t.app.inject({ url: '/api/admin/terminal-sessions', headers: { cookie: admin } })
    ).json<{ endReason: string }[]>();
    expect(audit[0]).toMatchObject({ endReason: 'host_unreachable' });
  });
});
