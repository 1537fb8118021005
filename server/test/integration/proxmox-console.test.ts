import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProxmoxFake, type ProxmoxFake } from '@archnest/test-support';
import { GuestActionError } from '../../src/integrations/guest-action-error';
import { ProxmoxIntegration } from '../../src/integrations/proxmox/proxmox.integration';
import type { ShellChannel } from '../../src/ssh';

/** Proxmox terminal consoles (termproxy + vncwebsocket) against the fake, over a pinned self-signed leaf. */
describe('Proxmox console', () => {
  let fake: ProxmoxFake;
  let pve: ProxmoxIntegration;

  beforeAll(async () => {
    fake = await startProxmoxFake({ tls: 'self-signed' });
    pve = new ProxmoxIntegration({
      id: 'p1',
      name: 'Homelab',
      config: { url: fake.url, tokenId: fake.tokenId, showTemplates: false },
      secrets: { tokenSecret: fake.tokenSecret },
      tls: { pinnedSha256: fake.fingerprint, ca: null },
    });
  });
  afterAll(async () => {
    pve?.dispose();
    await fake?.stop();
  });

  function collect(channel: ShellChannel) {
    let text = '';
    channel.onData((d) => (text += d.toString('utf8')));
    const exited = new Promise<void>((resolve) => channel.onExit(() => resolve()));
    const until = async (needle: string) => {
      const deadline = Date.now() + 10_000; // generous: a loaded machine is slow, not wrong
      while (!text.includes(needle) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      expect(text).toContain(needle);
    };
    return { text: () => text, until, exited };
  }

  it('opens a container console: login with the ticket, input framed with its byte length, resize, exit', async () => {
    const channel = await pve.openConsole(
      { node: 'pve1', type: 'lxc', vmid: 200 },
      { cols: 100, rows: 30 },
      AbortSignal.timeout(5000),
    );
    const out = collect(channel);
    await out.until('root@200:~# ');
    channel.write('echo héllo wörld\r');
    await out.until('héllo wörld\r\n');
    channel.resize(132, 43);
    channel.write('stty size\r');
    await out.until('43 132');
    const session = fake.consoles.at(-1);
    expect(session?.path).toBe('/api2/json/nodes/pve1/lxc/200');
    expect(session?.resizes).toEqual(['100x30', '132x43']);
    // The byte length counts UTF-8 bytes, so multi-byte characters arrive whole.
    expect(session?.inputs.join('')).toBe('echo héllo wörld\rstty size\r');
    channel.write('exit\r');
    await out.exited;
  });

  it('opens a node shell', async () => {
    const channel = await pve.openConsole(
      { node: 'pve2', type: 'node', vmid: null },
      { cols: 80, rows: 24 },
      AbortSignal.timeout(5000),
    );
    const out = collect(channel);
    await out.until('root@pve2:~# ');
    channel.close();
    await out.exited;
    expect(fake.consoles.at(-1)?.path).toBe('/api2/json/nodes/pve2');
  });

  it('names a missing VM.Console or Sys.Console privilege, and refuses a stopped guest', async () => {
    const fail = (target: Parameters<ProxmoxIntegration['openConsole']>[0]) =>
      pve.openConsole(target, { cols: 80, rows: 24 }, AbortSignal.timeout(5000)).then(
        () => null,
        (e: unknown) => e,
      );
    fake.denied.add('VM.Console');
    fake.denied.add('Sys.Console');
    try {
      const vm = await fail({ node: 'pve1', type: 'qemu', vmid: 100 });
      expect(vm).toBeInstanceOf(GuestActionError);
      expect((vm as GuestActionError).privilege).toEqual({ path: '/vms/100', privilege: 'VM.Console' });
      const node = await fail({ node: 'pve1', type: 'node', vmid: null });
      expect((node as GuestActionError).privilege).toEqual({ path: '/nodes/pve1', privilege: 'Sys.Console' });
    } finally {
      fake.denied.clear();
    }
    const stopped = await fail({ node: 'pve1', type: 'qemu', vmid: 101 });
    expect((stopped as GuestActionError).message).toBe('VM 101 not running');
  });
});
