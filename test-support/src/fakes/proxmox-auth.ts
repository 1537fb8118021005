import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import { json, type FakeAnswer, type FakeRequest } from './fake-http';
import { pveError } from './proxmox-tasks';

/** The package versions that decide whether an API token may open a console. */
export interface PveVersions {
  pveManager: string;
  qemuServer: string;
  pveContainer: string;
}

/** Recent enough that API tokens open every console. */
export const CURRENT_PVE: PveVersions = { pveManager: '9.1.4', qemuServer: '9.1.7', pveContainer: '6.1.3' };
/** A Proxmox VE 8.4 cluster: consoles need a user's ticket. */
export const OLD_PVE: PveVersions = { pveManager: '8.4.1', qemuServer: '8.3.12', pveContainer: '5.2.6' };

/** Debian-style versions of the form 9.0.13 compared number by number. */
export function versionAtLeast(version: string, minimum: string): boolean {
  const a = version.split(/[.-]/).map(Number);
  const b = minimum.split(/[.-]/).map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/**
 * Whether termproxy accepts a ticket issued to an API token (`user@realm!token`) for this target:
 * node shells from pve-manager 9.0.13, QEMU from qemu-server 9.1.7, LXC from pve-container 6.1.3.
 * Older versions' termproxy checks the user name, which may not contain `!`, and drops the socket.
 */
export function tokenConsoleAllowed(versions: PveVersions, type: 'qemu' | 'lxc' | undefined): boolean {
  if (type === 'qemu') return versionAtLeast(versions.qemuServer, '9.1.7');
  if (type === 'lxc') return versionAtLeast(versions.pveContainer, '6.1.3');
  return versionAtLeast(versions.pveManager, '9.0.13');
}

export type Principal = { user: string; via: 'token' | 'ticket' };

interface Ticket {
  user: string;
  csrf: string;
}

function cookieTicket(headers: http.IncomingHttpHeaders): string | null {
  for (const part of String(headers.cookie ?? '').split(/;\s*/)) {
    const [name, ...rest] = part.split('=');
    if (name === 'PVEAuthCookie') {
      try {
        return decodeURIComponent(rest.join('='));
      } catch {
        return null;
      }
    }
  }
  return null;
}

const hex = () =>
  Math.floor(Date.now() / 1000)
    .toString(16)
    .toUpperCase()
    .padStart(8, '0');

/**
 * Proxmox VE's two ways in: an API token (`Authorization: PVEAPIToken=USER@REALM!TOKENID=SECRET`), or
 * a ticket from `POST /access/ticket` (form `username`, `password`, optional `realm`) sent as the
 * `PVEAuthCookie` cookie, with its `CSRFPreventionToken` header on every write.
 */
export class PveAuth {
  private readonly tickets = new Map<string, Ticket>();
  /** Every login attempt's user name, in order. */
  readonly logins: string[] = [];

  constructor(
    private readonly tokenId: string,
    private readonly tokenSecret: string,
    readonly users: Map<string, string>,
  ) {}

  /** Who is asking; for writes with a ticket also the CSRF check. A string is the refusal's text. */
  principal(method: string, headers: http.IncomingHttpHeaders): Principal | string {
    if (headers.authorization !== undefined) {
      return headers.authorization === `PVEAPIToken=${this.tokenId}=${this.tokenSecret}`
        ? { user: this.tokenId, via: 'token' }
        : 'authentication failure';
    }
    const value = cookieTicket(headers);
    const ticket = value ? this.tickets.get(value) : undefined;
    if (!ticket) return 'authentication failure';
    if (method !== 'GET' && headers.csrfpreventiontoken !== ticket.csrf)
      return 'Permission denied - invalid csrf token';
    return { user: ticket.user, via: 'ticket' };
  }

  login(req: FakeRequest): FakeAnswer {
    if (req.method !== 'POST') return pveError(501, `Method '${req.method} ${req.path}' not implemented`);
    const form = new URLSearchParams(req.body);
    const name = form.get('username') ?? '';
    const realm = form.get('realm');
    const user = name.includes('@') || !realm ? name : `${name}@${realm}`;
    this.logins.push(user);
    const password = this.users.get(user);
    if (!user || password === undefined || password !== form.get('password')) {
      return { ...json(401, { data: null }), statusMessage: 'authentication failure' };
    }
    const ticket = `PVE:${user}:${hex()}::${randomBytes(48).toString('base64')}`;
    const csrf = `${hex()}:${randomBytes(32).toString('base64').replace(/=+$/, '')}`;
    this.tickets.set(ticket, { user, csrf });
    return json(200, {
      data: {
        username: user,
        ticket,
        CSRFPreventionToken: csrf,
        cap: { vms: { 'VM.Console': 1, 'VM.PowerMgmt': 1 }, nodes: { 'Sys.Console': 1 } },
      },
    });
  }
}
