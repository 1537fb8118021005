import { AppError } from '../../http/app-error';
import { hasGuestConsoles } from '../../integrations/integration';
import type { ConsoleRequest, GuestConsoleOpener } from '../terminal/terminal.service';
import type { IntegrationsService } from '../integrations/integrations.service';
import { guestActionRefusal } from './guest-action-refusal';

/** Consoles are slower to open than an API call: termproxy starts a process, then the socket connects. */
const EXTRA_OPEN_MS = 10_000;

/** Opens Proxmox consoles for the terminal: a live integration per console, disposed when it ends. */
export class GuestConsoles implements GuestConsoleOpener {
  constructor(private readonly integrations: IntegrationsService) {}

  async openConsole(request: ConsoleRequest) {
    if (request.guestType !== 'node' && request.vmid === null) {
      throw new AppError(400, 'invalid_request', 'A guest console needs the guest’s vmid.');
    }
    const row = await this.integrations.get(request.integrationId);
    const integration = this.integrations.integrationFor(row);
    try {
      if (!hasGuestConsoles(integration)) {
        throw new AppError(400, 'action_unsupported', `${row.kind} integrations have no consoles.`);
      }
      const shell = await integration.openConsole(
        { node: request.node, type: request.guestType, vmid: request.vmid },
        { cols: request.cols, rows: request.rows },
        AbortSignal.timeout(row.timeout_seconds * 1000 + EXTRA_OPEN_MS),
      );
      shell.onExit(() => integration.dispose());
      const label =
        request.guestType === 'node'
          ? `${request.node} shell`
          : `${request.guestType === 'qemu' ? 'VM' : 'CT'} ${request.vmid ?? ''} on ${request.node}`;
      return { shell, hostName: `${row.name}: ${label}`, address: request.node };
    } catch (err) {
      integration.dispose();
      throw guestActionRefusal(err);
    }
  }
}
