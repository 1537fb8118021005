import type { ErrorCode } from '@archnest/contract';

/** An error with a stable code the API answers with: `{ error: code, message }`. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
    /** For `invalid_request`: which fields are wrong, as validation errors report them. */
    readonly issues?: { path: (string | number)[]; message: string }[],
  ) {
    super(message);
  }
}

export const unauthorized = (message = 'Sign in to continue.') => new AppError(401, 'unauthorized', message);
export const forbidden = (message = 'You do not have access to this.') =>
  new AppError(403, 'forbidden', message);
export const notFound = (what: string) => new AppError(404, 'not_found', `${what} was not found.`);
