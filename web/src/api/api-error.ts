import type { ApiErrorBody } from '@archnest/contract';

/** Codes the client itself produces when there is no server answer to read. */
export type ClientErrorCode = 'network' | 'invalid_response' | 'http_error';

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly issues: ApiErrorBody['issues'];
  /** Seconds from a `Retry-After` header, when the server sent one. */
  readonly retryAfterSeconds: number | undefined;

  constructor(init: {
    code: string;
    status: number;
    message: string;
    issues?: ApiErrorBody['issues'];
    retryAfterSeconds?: number;
  }) {
    super(init.message);
    this.name = 'ApiError';
    this.code = init.code;
    this.status = init.status;
    this.issues = init.issues;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

export function isApiError(error: unknown, code?: string): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

/** A message fit for a toast: validation issues are more useful than the generic summary. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    const first = error.issues?.[0];
    if (error.code === 'invalid_request' && first) return first.message;
    return error.message;
  }
  return error instanceof Error ? error.message : 'Something went wrong.';
}

export function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}
