import { AppError } from '../../http/app-error';
import { ConsoleUnavailableError } from '../../integrations/console-unavailable-error';
import { GuestActionError } from '../../integrations/guest-action-error';
import { asIntegrationError } from '../../integrations/integration-error';

/** A hypervisor's refusal or failure as the API answers it, in the hypervisor's own words. */
export function guestActionRefusal(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ConsoleUnavailableError) return new AppError(409, 'console_unavailable', err.message);
  if (err instanceof GuestActionError) {
    if (err.reason === 'privilege_missing') {
      const what = err.privilege
        ? `The API token lacks the ${err.privilege.privilege} privilege on ${err.privilege.path}.`
        : 'The API token lacks a privilege this needs.';
      return new AppError(403, 'hypervisor_privilege_missing', `${what} Proxmox said: ${err.message}`);
    }
    const status = err.reason === 'invalid' ? 400 : 409;
    return new AppError(status, 'guest_action_refused', `Proxmox refused: ${err.message}`);
  }
  return new AppError(502, 'integration_unavailable', asIntegrationError(err).message);
}
