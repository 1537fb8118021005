import type { SsoErrorCode } from '@archnest/contract';

/** A refused provider sign-in: the login page is told `code`; the audit gets it as the reason. */
export class SsoRefusal extends Error {
  constructor(
    readonly code: SsoErrorCode,
    readonly username: string | null = null,
    readonly userId: string | null = null,
    detail?: string,
  ) {
    super(detail ?? code);
  }
}
