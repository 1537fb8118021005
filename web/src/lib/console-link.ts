/** A Proxmox console kept in a Terminal pane's layout, so a reload can reattach it like an SSH pane. */
export interface ConsolePaneLayout {
  integrationId: string;
  node: string;
  guestType: 'qemu' | 'lxc' | 'node';
  vmid: number | null;
  title: string;
}

export function isConsolePane(value: unknown): value is ConsolePaneLayout {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return (
    typeof c.integrationId === 'string' &&
    typeof c.node === 'string' &&
    (c.guestType === 'qemu' || c.guestType === 'lxc' || c.guestType === 'node') &&
    (c.vmid === null || (typeof c.vmid === 'number' && Number.isInteger(c.vmid))) &&
    typeof c.title === 'string'
  );
}

/** `/terminal?console=…`: how another page asks for a Proxmox console in a new Terminal tab. */
export const CONSOLE_PARAM = 'console';

export function consoleParam(console: ConsolePaneLayout): string {
  return JSON.stringify(console);
}

export function parseConsoleParam(value: string | null): ConsolePaneLayout | null {
  if (!value) return null;
  try {
    const parsed: unknown = JSON.parse(value);
    return isConsolePane(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

/** The Terminal page's address that opens `console` in a new tab. */
export function consoleTerminalHref(console: ConsolePaneLayout): string {
  return `/terminal?${new URLSearchParams({ [CONSOLE_PARAM]: consoleParam(console) }).toString()}`;
}
