import { z } from 'zod';
import type { ShellChannel } from '../../ssh';
import { ConsoleUnavailableError } from '../console-unavailable-error';
import type { HttpClient } from '../http-client';
import { parseJson } from '../http-client';
import type { ConsoleTarget } from '../integration';
import { IntegrationError } from '../integration-error';
import { ConsoleAuthRefused, openProxmoxConsole, type ConsoleAuth } from './proxmox-console';
import { actionFailure } from './proxmox-power';

/** Before this pve-manager no API token opens a console (node shells need it; guests need more). */
export const TOKEN_CONSOLE_MIN_PVE_MANAGER = '9.0.13';
const TOKEN_VERSIONS =
  'a node shell needs pve-manager 9.0.13, a guest console qemu-server 9.1.7 or pve-container 6.1.3';

const PveVersion = z.object({ data: z.object({ version: z.string() }).passthrough() });
const PveTicket = z.object({
  data: z.object({ ticket: z.string().min(1), CSRFPreventionToken: z.string().min(1) }).passthrough(),
});
const PveQemuConfig = z.object({ data: z.record(z.string(), z.unknown()) });

export interface ConsoleUser {
  /** `user@realm` */
  user: string;
  password: string;
}

/** Debian-style versions (`9.0.13`, `8.4-1`) compared number by number. */
export function versionAtLeast(version: string, minimum: string): boolean {
  const a = version.split(/[.-]/).map((n) => Number.parseInt(n, 10) || 0);
  const b = minimum.split(/[.-]/).map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/**
 * Opens a console with the right credentials. `GET /version` says whether the API token can at all
 * (pve-manager 9.0.13); if it may, the token is tried first, and a refusal (termproxy drops a token's
 * ticket on older qemu-server / pve-container) falls back to the console user's ticket from
 * `POST /access/ticket`. Without a console user, or when it is refused too, a plain message says why.
 */
export class ProxmoxConsoleOpener {
  constructor(
    private readonly http: HttpClient,
    private readonly base: string,
    private readonly authorization: string,
    private readonly consoleUser: ConsoleUser | null,
  ) {}

  async open(
    target: ConsoleTarget,
    size: { cols: number; rows: number },
    signal: AbortSignal,
  ): Promise<ShellChannel> {
    if (target.type === 'qemu') await this.requireSerialPort(target, signal);
    const version = await this.pveVersion(signal);
    const tokenHopeless = version !== null && !versionAtLeast(version, TOKEN_CONSOLE_MIN_PVE_MANAGER);
    const release = version ? `Proxmox VE ${version}` : 'This Proxmox VE';
    let tokenRefusal: string | null = null;
    if (tokenHopeless) {
      tokenRefusal = `${release} does not let an API token open consoles (${TOKEN_VERSIONS}).`;
    } else {
      const token = { authorization: this.authorization };
      try {
        return await openProxmoxConsole(
          this.http,
          this.base,
          { request: token, socket: token },
          target,
          size,
          signal,
        );
      } catch (err) {
        if (!(err instanceof ConsoleAuthRefused)) throw err;
        tokenRefusal = `${release} refused the API token for this console (${TOKEN_VERSIONS}).`;
      }
    }
    if (!this.consoleUser) {
      throw new ConsoleUnavailableError(
        'token_refused',
        `${tokenRefusal} Add a console user (user@realm and password) to this integration in Settings > Integrations, or upgrade Proxmox VE.`,
      );
    }
    const who = this.consoleUser.user;
    try {
      const auth = await this.ticketAuth(signal);
      return await openProxmoxConsole(this.http, this.base, auth, target, size, signal);
    } catch (err) {
      if (!(err instanceof ConsoleAuthRefused)) throw err;
      throw new ConsoleUnavailableError(
        'console_user_refused',
        `Neither the API token nor the console user ${who} could open this console. ${tokenRefusal} ${err.message}`,
      );
    }
  }

  /** `qm terminal` needs a serial port; without one termproxy would open and print an error. */
  private async requireSerialPort(target: ConsoleTarget, signal: AbortSignal): Promise<void> {
    const answer = await this.http.get({
      url: `${this.base}/api2/json/nodes/${encodeURIComponent(target.node)}/qemu/${target.vmid ?? 0}/config`,
      headers: { authorization: this.authorization },
      signal,
    });
    if (answer.status !== 200) throw actionFailure(answer);
    const parsed = PveQemuConfig.safeParse(parseJson(answer, 'Proxmox'));
    if (!parsed.success)
      throw new IntegrationError('bad_response', 'Proxmox sent the VM configuration in an unexpected shape.');
    if (!Object.keys(parsed.data.data).some((key) => /^serial\d$/.test(key))) {
      throw new ConsoleUnavailableError(
        'no_serial_port',
        `VM ${target.vmid ?? ''} has no serial port, so it has no text console. Add one in Proxmox (Hardware > Add > Serial Port) and let the guest use it (e.g. a getty on ttyS0), or use Proxmox's own graphical console.`,
      );
    }
  }

  /** pve-manager's version, or null when it cannot be read (then the token is simply tried). */
  private async pveVersion(signal: AbortSignal): Promise<string | null> {
    try {
      const answer = await this.http.get({
        url: `${this.base}/api2/json/version`,
        headers: { authorization: this.authorization },
        signal,
      });
      if (answer.status !== 200) return null;
      const parsed = PveVersion.safeParse(parseJson(answer, 'Proxmox'));
      return parsed.success ? parsed.data.data.version : null;
    } catch {
      if (signal.aborted) throw new IntegrationError('timeout', 'The Proxmox console did not open in time.');
      return null;
    }
  }

  /** A user's ticket from `POST /access/ticket`; writes with it carry its CSRF token. */
  private async ticketAuth(signal: AbortSignal): Promise<ConsoleAuth> {
    const user = this.consoleUser;
    if (!user) throw new ConsoleAuthRefused('No console user is set.');
    const answer = await this.http.post({
      url: `${this.base}/api2/json/access/ticket`,
      form: { username: user.user, password: user.password },
      signal,
    });
    if (answer.status === 401 || answer.status === 403) {
      throw new ConsoleAuthRefused(
        `Proxmox did not accept the console user’s password (${answer.statusMessage || `HTTP ${answer.status}`}).`,
      );
    }
    if (answer.status !== 200) throw actionFailure(answer);
    const parsed = PveTicket.safeParse(parseJson(answer, 'Proxmox'));
    if (!parsed.success)
      throw new IntegrationError('bad_response', 'Proxmox answered /access/ticket in an unexpected shape.');
    const cookie = `PVEAuthCookie=${encodeURIComponent(parsed.data.data.ticket)}`;
    return {
      request: { cookie, csrfpreventiontoken: parsed.data.data.CSRFPreventionToken },
      socket: { cookie },
    };
  }
}
