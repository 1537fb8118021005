import type { PresentedCertificate } from '@archnest/contract';

/** Why a poll or test failed, as a stable code the UI can key on. */
export type IntegrationErrorCode =
  | 'tls_untrusted'
  | 'tls_pin_mismatch'
  | 'timeout'
  | 'unreachable'
  | 'auth_failed'
  | 'http_error'
  | 'bad_response'
  | 'failed';

/** A failure to reach or read a source, in words an admin can act on; never carries a secret. */
export class IntegrationError extends Error {
  constructor(
    readonly code: IntegrationErrorCode,
    message: string,
    /** What the server presented when TLS trust failed, so it can be pinned. */
    readonly certificate: PresentedCertificate | null = null,
  ) {
    super(message);
  }
}

/** Turns anything thrown by an integration into an IntegrationError without leaking internals. */
export function asIntegrationError(err: unknown): IntegrationError {
  if (err instanceof IntegrationError) return err;
  if (err instanceof Error && err.name === 'AbortError')
    return new IntegrationError('timeout', 'No answer in time.');
  const message = err instanceof Error ? err.message : String(err);
  return new IntegrationError('failed', message.slice(0, 300));
}
