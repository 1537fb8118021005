/** Where "Connect" goes: the Terminal page opens a pane to the host (docs/terminal-protocol.md). */
export function terminalHref(hostId: string): string {
  return `/terminal?${new URLSearchParams({ host: hostId }).toString()}`;
}
