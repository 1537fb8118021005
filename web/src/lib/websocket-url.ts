/**
 * The WebSocket address of a server path on this origin (`wss:` under https). The session cookie
 * authenticates the upgrade, so nothing secret ever goes into the address.
 */
export function webSocketUrl(path: string): string {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return `${scheme}://${location.host}${path}`;
}
