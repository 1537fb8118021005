import type { ConsolePaneLayout } from '../../lib/console-link';
import type { PaneTarget } from './pane-session';

/** What a pane's session opens: its host, its Proxmox console, or nothing yet. */
export function paneTarget(pane: {
  hostId: string | null;
  console?: ConsolePaneLayout | null;
}): PaneTarget | null {
  if (pane.hostId) return { kind: 'host', hostId: pane.hostId };
  if (pane.console) {
    const { title: _title, ...target } = pane.console;
    return { kind: 'pve', ...target };
  }
  return null;
}
