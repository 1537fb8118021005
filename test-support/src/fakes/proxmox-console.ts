import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { json, type FakeAnswer, type FakeRequest } from './fake-http';
import { tokenConsoleAllowed, type PveAuth, type PveVersions } from './proxmox-auth';
import type { PveGuest } from './proxmox-tasks';
import { pveError } from './proxmox-tasks';
import { acceptWebSocket } from './ws-frames';

interface Ticket {
  path: string;
  port: number;
  user: string;
  used: boolean;
}

export interface ConsoleRecord {
  path: string;
  /** The user the console's ticket was issued to (`user@realm!token` through an API token). */
  user: string;
  /** `cols x rows` of every resize message, in order. */
  resizes: string[];
  pings: number;
  /** Every input message's decoded data, in order. */
  inputs: string[];
  /** Bytes of `flood` output handed to the socket so far (it waits while the socket is full). */
  floodSent: number;
}

const TERMPROXY = /^\/api2\/json\/nodes\/([^/]+)(?:\/(qemu|lxc)\/(\d+))?\/termproxy$/;
const QEMU_CONFIG = /^\/api2\/json\/nodes\/([^/]+)\/qemu\/(\d+)\/config$/;
const WEBSOCKET = /^\/api2\/json\/nodes\/([^/]+)(?:\/(qemu|lxc)\/(\d+))?\/vncwebsocket$/;

/**
 * Proxmox VE's terminal consoles: `POST …/termproxy` answers `{user, ticket, port, upid}`; the
 * `…/vncwebsocket?port=&vncticket=` upgrade (subprotocol `binary`) expects `user:ticket\n`, answers
 * `OK`, then takes `0:<byte length>:<data>` input, `1:<cols>:<rows>:` resizes and `2` pings, and sends
 * raw terminal output. Behind it a tiny shell: `echo`, `stty size`, `exit`, and `flood <bytes>` (that
 * many bytes of 76-column lines, then `FLOOD-DONE`, for benchmarks).
 */
export class PveConsoles {
  private readonly tickets = new Map<string, Ticket>();
  readonly sessions: ConsoleRecord[] = [];
  private port = 5900;

  constructor(
    private readonly guests: () => PveGuest[],
    private readonly auth: PveAuth,
    private readonly versions: PveVersions,
    private readonly denied: Set<string>,
    /** QEMU VMs without a serial port (their `qm terminal` finds no serial interface). */
    private readonly noSerial: Set<number>,
  ) {}

  handles(path: string): boolean {
    return TERMPROXY.test(path) || QEMU_CONFIG.test(path);
  }

  /** `GET …/qemu/{vmid}/config`: the VM's configuration, with `serial0: socket` unless it has none. */
  private qemuConfig(req: FakeRequest): FakeAnswer {
    const [, node = '', vmid = ''] = QEMU_CONFIG.exec(req.path) ?? [];
    const guest = this.guests().find((g) => g.type === 'qemu' && g.vmid === Number(vmid) && g.node === node);
    if (!guest)
      return pveError(500, `Configuration file 'nodes/${node}/qemu-server/${vmid}.conf' does not exist`);
    const config: Record<string, string | number> = {
      name: String((guest as { name?: string }).name ?? `vm${vmid}`),
      memory: 4096,
      cores: 2,
      ostype: 'l26',
      scsi0: `local-lvm:vm-${vmid}-disk-0,size=32G`,
      digest: '3f1e3c0f1b2a4c5d6e7f8091a2b3c4d5e6f70812',
    };
    if (!this.noSerial.has(Number(vmid))) config.serial0 = 'socket';
    return json(200, { data: config });
  }

  termproxy(req: FakeRequest, user: string): FakeAnswer {
    if (QEMU_CONFIG.test(req.path)) {
      return req.method === 'GET'
        ? this.qemuConfig(req)
        : pveError(501, `Method '${req.method} ${req.path}' not implemented`);
    }
    const m = TERMPROXY.exec(req.path);
    if (!m || req.method !== 'POST')
      return pveError(501, `Method '${req.method} ${req.path}' not implemented`);
    const [, node = '', type, vmid] = m;
    if (type) {
      const guest = this.guests().find((g) => g.type === type && g.vmid === Number(vmid) && g.node === node);
      if (!guest)
        return pveError(
          500,
          `Configuration file 'nodes/${node}/${type === 'qemu' ? 'qemu-server' : 'lxc'}/${vmid}.conf' does not exist`,
        );
      if (this.denied.has('VM.Console'))
        return pveError(403, `Permission check failed (/vms/${vmid}, VM.Console)`);
      if (guest.status !== 'running')
        return pveError(500, `${type === 'qemu' ? 'VM' : 'CT'} ${vmid} not running`);
    } else if (this.denied.has('Sys.Console')) {
      return pveError(403, `Permission check failed (/nodes/${node}, Sys.Console)`);
    }
    this.port += 1;
    const ticket = `PVEVNC:${Math.floor(Date.now() / 1000)
      .toString(16)
      .toUpperCase()}::${randomBytes(24).toString('base64')}`;
    const path = req.path.replace(/\/termproxy$/, '');
    this.tickets.set(ticket, { path, port: this.port, user, used: false });
    const starttime = Math.floor(Date.now() / 1000)
      .toString(16)
      .toUpperCase()
      .padStart(8, '0');
    const upid = `UPID:${node}:0003C0DE:00ABCDEF:${starttime}:vncproxy:${vmid ?? ''}:${user}:`;
    return json(200, { data: { user, ticket, port: this.port, upid } });
  }

  upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'https://fake');
    const m = WEBSOCKET.exec(url.pathname);
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Length: 0\r\n\r\n`);
    };
    const principal = this.auth.principal('GET', req.headers);
    if (typeof principal === 'string') return refuse(401, 'No ticket');
    if (!m) return refuse(501, 'Not implemented');
    const ticket = this.tickets.get(url.searchParams.get('vncticket') ?? '');
    const path = url.pathname.replace(/\/vncwebsocket$/, '');
    if (!ticket || ticket.path !== path || String(ticket.port) !== url.searchParams.get('port')) {
      return refuse(401, 'Permission check failed (invalid ticket)');
    }
    const protocols = String(req.headers['sec-websocket-protocol'] ?? '').split(/,\s*/);
    if (!protocols.includes('binary')) return refuse(400, 'missing binary protocol');
    const ws = acceptWebSocket(req, socket, head, 'binary');
    const type = m[2] === 'qemu' || m[2] === 'lxc' ? m[2] : undefined;
    const record: ConsoleRecord = {
      path,
      user: ticket.user,
      resizes: [],
      pings: 0,
      inputs: [],
      floodSent: 0,
    };
    let authed = false;
    let line = '';
    const name = m[3] ?? m[1] ?? 'pve';
    const prompt = `root@${name}:~# `;
    ws.onMessage((data) => {
      const text = data.toString('utf8');
      if (!authed) {
        if (text !== `${ticket.user}:${url.searchParams.get('vncticket')}\n` || ticket.used)
          return ws.close(1008);
        ticket.used = true;
        // Before these versions termproxy checks the ticket's user as a user name, which `!` is not:
        // it logs "does not look like a valid user name" and drops the client without a word.
        if (ticket.user.includes('!') && !tokenConsoleAllowed(this.versions, type)) return ws.destroy();
        authed = true;
        this.sessions.push(record);
        ws.send('OK');
        if (type === 'qemu' && this.noSerial.has(Number(m[3]))) {
          ws.send(Buffer.from('unable to find a serial interface\r\n'));
          return ws.close(1000);
        }
        ws.send(Buffer.from(`Welcome to the fake console of ${name}\r\n${prompt}`));
        return;
      }
      for (const msg of parseMessages(text)) {
        if (msg.kind === 'ping') record.pings += 1;
        else if (msg.kind === 'resize') record.resizes.push(`${msg.cols}x${msg.rows}`);
        else {
          record.inputs.push(msg.data);
          for (const ch of msg.data) {
            if (ch === '\r') {
              const command = line.trim();
              line = '';
              if (command === 'exit') return ws.close(1000);
              const flood = /^flood (\d+)$/.exec(command);
              if (flood) {
                ws.send(Buffer.from('\r\n'));
                void sendFlood(ws, Number(flood[1]), prompt, record);
                continue;
              }
              const size = record.resizes.at(-1)?.split('x') ?? ['80', '24'];
              const out = command.startsWith('echo ')
                ? command.slice(5)
                : command === 'stty size'
                  ? `${size[1]} ${size[0]}`
                  : command
                    ? `sh: ${command}: not found`
                    : '';
              ws.send(Buffer.from(`\r\n${out ? `${out}\r\n` : ''}${prompt}`));
            } else {
              line += ch;
              ws.send(Buffer.from(ch));
            }
          }
        }
      }
    });
  }
}

type ConsoleMessage =
  { kind: 'input'; data: string } | { kind: 'resize'; cols: number; rows: number } | { kind: 'ping' };

/** termproxy's framing: `0:<byte length>:<data>`, `1:<cols>:<rows>:`, `2`; several may share a frame. */
export function parseMessages(text: string): ConsoleMessage[] {
  const out: ConsoleMessage[] = [];
  let rest = Buffer.from(text, 'utf8');
  while (rest.length) {
    const kind = String.fromCharCode(rest[0] ?? 0);
    if (kind === '2') {
      out.push({ kind: 'ping' });
      rest = rest.subarray(1);
    } else if (kind === '1') {
      const m = /^1:(\d+):(\d+):/.exec(rest.toString('utf8'));
      if (!m) break;
      out.push({ kind: 'resize', cols: Number(m[1]), rows: Number(m[2]) });
      rest = rest.subarray(Buffer.byteLength(m[0]));
    } else if (kind === '0') {
      const m = /^0:(\d+):/.exec(rest.toString('latin1'));
      if (!m) break;
      const start = m[0].length;
      const len = Number(m[1]);
      out.push({ kind: 'input', data: rest.subarray(start, start + len).toString('utf8') });
      rest = rest.subarray(start + len);
    } else break;
  }
  return out;
}

const FLOOD_LINE = Buffer.from(`${'A'.repeat(76)}\r\n`);
const FLOOD_CHUNK = Buffer.concat(Array.from({ length: 215 }, () => FLOOD_LINE));

/**
 * `flood <bytes>`: output in 16 KiB frames, yielding between them as a process writing a pty would,
 * and waiting while the socket is full, as termproxy stops reading the pty while its client lags.
 */
async function sendFlood(
  ws: { send(data: Buffer): boolean; drained(): Promise<void> },
  bytes: number,
  prompt: string,
  record: ConsoleRecord,
): Promise<void> {
  for (let left = bytes; left > 0; left -= FLOOD_CHUNK.length) {
    const chunk = left >= FLOOD_CHUNK.length ? FLOOD_CHUNK : FLOOD_CHUNK.subarray(0, left);
    const more = ws.send(chunk);
    record.floodSent += chunk.length;
    await (more ? new Promise((resolve) => setImmediate(resolve)) : ws.drained());
  }
  ws.send(Buffer.from(`\r\nFLOOD-DONE\r\n${prompt}`));
}
