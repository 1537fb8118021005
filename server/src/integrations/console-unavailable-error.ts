/**
 * A console that cannot open for a reason the admin can fix, in plain words: a VM without a serial
 * port, or a cluster where neither the API token nor the console user may open consoles.
 */
export class ConsoleUnavailableError extends Error {
  constructor(
    readonly reason: 'no_serial_port' | 'token_refused' | 'console_user_refused',
    message: string,
  ) {
    super(message);
  }
}
