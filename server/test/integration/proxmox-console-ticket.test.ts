import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CURRENT_PVE, OLD_PVE, startProxmoxFake, type ProxmoxFake } from '@archnest/test-support';
import { ConsoleUnavailableError } from '../../src/integrations/console-unavailable-error';
import { ProxmoxIntegration } from '../../src/integrations/proxmox/proxmox.integration';
import type { ConsoleTarget } from '../../src/integrations/integration';
import type { ShellChannel } from '../../src/ssh/shell-channel';

const PASSWORD = 'fake-root-password';

/**
 * Consoles on clusters where an API token cannot open them: the fake's termproxy drops a token's
 * ticket before the versions that allow it, and takes a user's ticket from `POST /access/ticket`.
 */
describe('Proxmox consoles with a console user', () => {
  let fake: ProxmoxFake;
  const made: ProxmoxIntegration[] = [];

  beforeAll(async () => {
    fake = await startProxmoxFake({ tls: 'self-signed', versions: OLD_PVE, noSerial: [102] });
  });
  afterEach(() => {
    Object.assign(fake.versions, OLD_PVE);
    for (const pve of made.splice(0)) pve.dispose();
  });
  afterAll(async () => {
    await fake?.stop();
  });

  const integration = (consoleUser: string | null, password = PASSWORD) => {
    const pve = new ProxmoxIntegration({
      id: 'p1',
      name: 'Homelab',
      config: {
        url: fake.url,
        tokenId: fake.tokenId,
        showTemplates: false,
        ...(consoleUser ? { consoleUser } : {}),
      },
      secrets: { tokenSecret: fake.tokenSecret, ...(consoleUser ? { consolePassword: password } : {}) },
      tls: { pinnedSha256: fake.fingerprint, ca: null },
    });
    made.push(pve);
    return pve;
  };
  const open = (pve: ProxmoxIntegration, target: ConsoleTarget) =>
    pve.openConsole(target, { cols: 100, rows: 30 }, AbortSignal.timeout(8000));
  const failure = (pve: ProxmoxIntegration, target: ConsoleTarget) =>
    open(pve, target).then(
      (channel) => {
        channel.close();
        throw new Error('the console opened');
      },
      (e: unknown) => e,
    );

  async function roundTrip(channel: ShellChannel, prompt: string) {
    let text = '';
    channel.onData((d) => (text += d.toString('utf8')));
    const exited = new Promise<void>((resolve) => channel.onExit(() => resolve()));
    const until = async (needle: string) => {
      const deadline = Date.now() + 10_000; // generous: a loaded machine is slow, not wrong
      while (!text.includes(needle) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(text).toContain(needle);
    };
    await until(prompt);
    channel.write('echo grüße 🚀\r');
    await until('grüße 🚀\r\n');
    channel.resize(120, 40);
    channel.write('stty size\r');
    await until('40 120');
    channel.write('exit\r');
    await exited;
  }

  it('on Proxmox VE 8.4 goes straight to the console user’s ticket: container console and node shell', async () => {
    const pve = integration('root@pam');
    const logins = fake.logins.length;
    await roundTrip(await open(pve, { node: 'pve1', type: 'lxc', vmid: 200 }), 'root@200:~# ');
    const session = fake.consoles.at(-1);
    expect(session).toMatchObject({ path: '/api2/json/nodes/pve1/lxc/200', user: 'root@pam' });
    expect(session?.inputs.join('')).toBe('echo grüße 🚀\rstty size\rexit\r');
    expect(session?.resizes).toEqual(['100x30', '120x40']);
    await roundTrip(await open(pve, { node: 'pve2', type: 'node', vmid: null }), 'root@pve2:~# ');
    expect(fake.consoles.at(-1)).toMatchObject({ path: '/api2/json/nodes/pve2', user: 'root@pam' });
    expect(fake.logins.slice(logins)).toEqual(['root@pam', 'root@pam']);
  });

  it('without a console user says in plain words why the token cannot, and what to do', async () => {
    const error = await failure(integration(null), { node: 'pve1', type: 'lxc', vmid: 200 });
    expect(error).toBeInstanceOf(ConsoleUnavailableError);
    expect((error as ConsoleUnavailableError).reason).toBe('token_refused');
    expect((error as Error).message).toBe(
      'Proxmox VE 8.4.1 does not let an API token open consoles (a node shell needs pve-manager 9.0.13, ' +
        'a guest console qemu-server 9.1.7 or pve-container 6.1.3). Add a console user (user@realm and ' +
        'password) to this integration in Settings > Integrations, or upgrade Proxmox VE.',
    );
  });

  it('tries the token first where pve-manager allows it, and falls back when termproxy drops it', async () => {
    // pve-manager new enough for node shells, pve-container still too old for a token's console.
    Object.assign(fake.versions, { pveManager: '9.0.13', qemuServer: '9.0.20', pveContainer: '6.0.9' });
    const pve = integration('root@pam');
    const logins = fake.logins.length;
    await roundTrip(await open(pve, { node: 'pve2', type: 'node', vmid: null }), 'root@pve2:~# ');
    expect(fake.consoles.at(-1)?.user).toBe(fake.tokenId);
    expect(fake.logins.length).toBe(logins);
    await roundTrip(await open(pve, { node: 'pve1', type: 'lxc', vmid: 200 }), 'root@200:~# ');
    expect(fake.consoles.at(-1)?.user).toBe('root@pam');
    expect(fake.logins.slice(logins)).toEqual(['root@pam']);
    // Without a console user the same refusal is named after trying.
    const error = await failure(integration(null), { node: 'pve1', type: 'lxc', vmid: 200 });
    expect((error as Error).message).toMatch(
      /^Proxmox VE 9\.0\.13 refused the API token for this console \(.*\)\. Add a console user/,
    );
  });

  it('uses the token alone on a current cluster even with a console user set', async () => {
    Object.assign(fake.versions, CURRENT_PVE);
    const logins = fake.logins.length;
    await roundTrip(
      await open(integration('root@pam'), { node: 'pve1', type: 'lxc', vmid: 200 }),
      'root@200:~# ',
    );
    expect(fake.consoles.at(-1)?.user).toBe(fake.tokenId);
    expect(fake.logins.length).toBe(logins);
  });

  it('names both failures when the console user’s password is wrong too', async () => {
    const error = await failure(integration('root@pam', 'wrong-password'), {
      node: 'pve1',
      type: 'lxc',
      vmid: 200,
    });
    expect((error as ConsoleUnavailableError).reason).toBe('console_user_refused');
    expect((error as Error).message).toMatch(
      /^Neither the API token nor the console user root@pam could open this console\. Proxmox VE 8\.4\.1 does not let an API token open consoles .*Proxmox did not accept the console user’s password \(authentication failure\)\.$/,
    );
    expect((error as Error).message).not.toContain('wrong-password');
  });

  it('says a VM without a serial port has no text console, before asking for one', async () => {
    const before = fake.consoles.length;
    const error = await failure(integration('root@pam'), { node: 'pve2', type: 'qemu', vmid: 102 });
    expect((error as ConsoleUnavailableError).reason).toBe('no_serial_port');
    expect((error as Error).message).toMatch(/^VM 102 has no serial port, so it has no text console\./);
    expect(fake.consoles.length).toBe(before);
    // A VM with one opens through the ticket.
    await roundTrip(
      await open(integration('root@pam'), { node: 'pve1', type: 'qemu', vmid: 100 }),
      'root@100:~# ',
    );
  });
});
