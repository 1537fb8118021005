import { describe, expect, it } from 'vitest';
import { consoleTerminalHref, parseConsoleParam, type ConsolePaneLayout } from '../../lib/console-link';
import { paneTarget } from './console-pane';

const dns: ConsolePaneLayout = {
  integrationId: 'i-1',
  node: 'pve1',
  guestType: 'lxc',
  vmid: 200,
  title: 'dns',
};

describe('Proxmox console panes', () => {
  it('round-trips a console through the Terminal link', () => {
    const href = consoleTerminalHref(dns);
    expect(href.startsWith('/terminal?console=')).toBe(true);
    expect(parseConsoleParam(new URL(href, 'http://x').searchParams.get('console'))).toEqual(dns);
  });

  it('refuses a link that is not a console', () => {
    expect(parseConsoleParam(null)).toBeNull();
    expect(parseConsoleParam('{')).toBeNull();
    expect(parseConsoleParam(JSON.stringify({ ...dns, guestType: 'docker' }))).toBeNull();
    expect(parseConsoleParam(JSON.stringify({ ...dns, vmid: '200' }))).toBeNull();
    expect(parseConsoleParam(JSON.stringify({ ...dns, title: undefined }))).toBeNull();
  });

  it('gives a pane its session target: host, console, or none', () => {
    expect(paneTarget({ hostId: 'h1', console: null })).toEqual({ kind: 'host', hostId: 'h1' });
    expect(paneTarget({ hostId: null, console: dns })).toEqual({
      kind: 'pve',
      integrationId: 'i-1',
      node: 'pve1',
      guestType: 'lxc',
      vmid: 200,
    });
    expect(paneTarget({ hostId: null })).toBeNull();
  });
});
