import WebSocket from 'ws';
import { z } from 'zod';
import type { ShellChannel, ShellExit } from '../../ssh';
import type { HttpClient } from '../http-client';
import { parseJson } from '../http-client';
import type { ConsoleTarget } from '../integration';
import { IntegrationError } from '../integration-error';
import { actionFailure } from './proxmox-power';

const PveTermproxy = z.object({
  data: z
    .object({ user: z.string(), ticket: z.string(), port: z.union([z.number(), z.string()]) })
    .passthrough(),
});

/** termproxy wants a keepalive at least this often, or it ends the session. */
const PING_MS = 30_000;

/** termproxy's input framing: `0:<UTF-8 byte length>:<data>`. */
export function inputFrame(data: string | Buffer): Buffer {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return Buffer.concat([Buffer.from(`0:${bytes.length}:`, 'utf8'), bytes]);
}

export const resizeFrame = (cols: number, rows: number) => `1:${cols}:${rows}:`;

/** How a console request authenticates: headers for `POST …/termproxy` and for the socket upgrade. */
export interface ConsoleAuth {
  request: Record<string, string>;
  socket: Record<string, string>;
}

/**
 * Proxmox would not take this console's credentials: termproxy refused the user name, or the socket
 * was refused or dropped before `OK` (what termproxy does with an API token's ticket before
 * pve-manager 9.0.13 / qemu-server 9.1.7 / pve-container 6.1.3).
 */
export class ConsoleAuthRefused extends IntegrationError {
  constructor(message: string) {
    super('auth_failed', message);
  }
}

/** termproxy's own words when it is handed an API token's user name. */
const TOKEN_USER_REFUSED = /does not look like a valid user name/;

/**
 * A terminal on a Proxmox guest or node: `POST …/termproxy` gives a one-time ticket and port, the
 * server (never the browser) opens `wss://…/vncwebsocket?port=&vncticket=` (subprotocol `binary`) with
 * the instance's TLS trust and API token, sends `user:ticket\n`, waits for `OK`, then relays.
 */
export async function openProxmoxConsole(
  http: HttpClient,
  base: string,
  auth: ConsoleAuth,
  target: ConsoleTarget,
  size: { cols: number; rows: number },
  signal: AbortSignal,
): Promise<ShellChannel> {
  const node = encodeURIComponent(target.node);
  const path = target.type === 'node' ? `/nodes/${node}` : `/nodes/${node}/${target.type}/${target.vmid}`;
  const answer = await http.post({
    url: `${base}/api2/json${path}/termproxy`,
    headers: auth.request,
    signal,
  });
  if (answer.status === 500 && TOKEN_USER_REFUSED.test(answer.statusMessage + answer.body))
    throw new ConsoleAuthRefused(`Proxmox refused the console’s user: ${answer.statusMessage}`);
  if (answer.status !== 200) throw actionFailure(answer);
  const parsed = PveTermproxy.safeParse(parseJson(answer, 'Proxmox'));
  if (!parsed.success)
    throw new IntegrationError('bad_response', 'Proxmox answered termproxy in an unexpected shape.');
  const { user, ticket, port } = parsed.data.data;
  const url =
    `${base.replace(/^http/, 'ws')}/api2/json${path}/vncwebsocket` +
    `?port=${encodeURIComponent(String(port))}&vncticket=${encodeURIComponent(ticket)}`;
  const ws = new WebSocket(url, ['binary'], {
    headers: auth.socket,
    ...(url.startsWith('wss:') ? { agent: http.httpsAgent } : {}),
    handshakeTimeout: 10_000,
    perMessageDeflate: false,
  });
  await new Promise<void>((resolve, reject) => {
    const fail = (err: Error) => {
      ws.terminate();
      reject(
        err instanceof IntegrationError
          ? err
          : new IntegrationError('failed', `Proxmox console: ${err.message}`),
      );
    };
    const onAbort = () => fail(new IntegrationError('timeout', 'The Proxmox console did not open in time.'));
    signal.addEventListener('abort', onAbort, { once: true });
    ws.once('unexpected-response', (_req, res) => {
      const text = `Proxmox refused the console socket (HTTP ${res.statusCode ?? 0} ${res.statusMessage ?? ''}).`;
      fail(res.statusCode === 401 ? new ConsoleAuthRefused(text) : new IntegrationError('http_error', text));
    });
    let sentTicket = false;
    // Dropped after the ticket line and before `OK`: termproxy would not take the ticket's user.
    const onError = (err: Error) =>
      fail(
        sentTicket
          ? new ConsoleAuthRefused('Proxmox dropped the console socket before accepting its ticket.')
          : err,
      );
    ws.once('error', onError);
    ws.once('open', () => {
      sentTicket = true;
      ws.send(`${user}:${ticket}\n`);
    });
    ws.once('message', (data: Buffer) => {
      signal.removeEventListener('abort', onAbort);
      ws.off('error', onError);
      if (data.toString('utf8').startsWith('OK')) resolve();
      else fail(new IntegrationError('auth_failed', 'Proxmox did not accept the console ticket.'));
    });
    ws.once('close', () =>
      fail(new ConsoleAuthRefused('Proxmox closed the console socket before accepting its ticket.')),
    );
  });
  ws.removeAllListeners('close');
  ws.removeAllListeners('unexpected-response');
  return consoleChannel(ws, size);
}

function consoleChannel(ws: WebSocket, size: { cols: number; rows: number }): ShellChannel {
  const exitListeners: ((exit: ShellExit) => void)[] = [];
  ws.on('error', () => undefined);
  const ping = setInterval(() => {
    if (ws.readyState === ws.OPEN) ws.send('2');
  }, PING_MS);
  ping.unref();
  ws.on('close', () => {
    clearInterval(ping);
    for (const listener of exitListeners) listener({ code: null });
  });
  ws.send(resizeFrame(size.cols, size.rows));
  // Output that arrives before the terminal layer listens (the banner right after `OK`, while the
  // opening is audited) is kept for the first listener rather than lost.
  let early: Buffer[] | null = [];
  const dataListeners: ((data: Buffer) => void)[] = [];
  ws.on('message', (data: Buffer) => {
    if (early) early.push(data);
    else for (const listener of dataListeners) listener(data);
  });
  return {
    onData(listener) {
      dataListeners.push(listener);
      const held = early;
      early = null;
      for (const data of held ?? []) listener(data);
    },
    onExit(listener) {
      exitListeners.push(listener);
    },
    write(data) {
      if (ws.readyState === ws.OPEN) ws.send(inputFrame(data));
    },
    resize(cols, rows) {
      if (ws.readyState === ws.OPEN) ws.send(resizeFrame(cols, rows));
    },
    pause: () => ws.pause(),
    resume: () => ws.resume(),
    close() {
      clearInterval(ping);
      ws.close();
    },
  };
}
